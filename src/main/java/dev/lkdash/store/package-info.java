/**
 * Store component: the event database. The append-only table of accepted LiveKit webhook events
 * is the source of truth; the read model's tables next to it are derived from it by the rooms
 * component, in the transaction that stores each event.
 * <p>
 * {@code control} opens the database (an H2 file under {@code dashboard.data-dir} by default,
 * PostgreSQL when {@code dashboard.db.url} says so) with a small JDBC pool, migrates its schema,
 * and holds the event table's statements and the row-set writer the read model uses;
 * {@code entity} holds the stored event.
 */
package dev.lkdash.store;
