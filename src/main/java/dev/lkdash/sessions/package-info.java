/**
 * Sessions component: the history of room sessions (one per LiveKit room sid) with their
 * participants, tracks, egress, ingress, agent jobs and event timeline.
 * <p>
 * The history is produced by the same projection as the live state
 * ({@link dev.lkdash.rooms.control.RoomProjection}); {@code boundary} is its read API,
 * {@code control} adds the query side (parameter checks, filtering, newest-first paging),
 * {@code entity} holds the read models.
 */
package dev.lkdash.sessions;
