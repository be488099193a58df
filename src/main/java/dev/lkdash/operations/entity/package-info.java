/** Read models of the operations component. */
package dev.lkdash.operations.entity;
