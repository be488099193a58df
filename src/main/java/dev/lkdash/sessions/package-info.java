/**
 * Sessions component: the history of room sessions (one per LiveKit room sid) with their
 * participants, tracks, egress, ingress, agent jobs and event timeline.
 * <p>
 * The history is produced by the same projection as the live state
 * ({@link dev.lkdash.rooms.control.RoomProjection}) and kept in the read model's session tables;
 * {@code boundary} is its read API, {@code control} those tables (written by the rooms
 * component, read with indexed queries) and the query side (parameter checks, filtering,
 * newest-first keyset paging), {@code entity} holds the read models.
 */
package dev.lkdash.sessions;
