/** The JPA entity of the event store. */
package dev.lkdash.store.entity;
