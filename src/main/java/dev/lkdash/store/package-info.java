/**
 * Store component: the append-only table of accepted LiveKit webhook events, the source of truth
 * the live state and the session history are rebuilt from at start-up.
 * <p>
 * {@code control} opens the database (an H2 file under {@code dashboard.data-dir} by default,
 * PostgreSQL when {@code dashboard.db.url} says so), migrates its schema and reads and writes
 * events with JPA; {@code entity} holds the JPA entity. The retention timer that prunes it lives
 * with the room state it rebuilds ({@code dev.lkdash.rooms.boundary}).
 */
package dev.lkdash.store;
