/** The stored form of accepted events. */
package dev.lkdash.store.entity;
