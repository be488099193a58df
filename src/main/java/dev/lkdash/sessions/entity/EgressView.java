package dev.lkdash.sessions.entity;

/**
 * An egress (recording or stream) of a room session.
 *
 * @param status    LiveKit's {@code EgressStatus} name, the most advanced one seen
 * @param active    {@code EGRESS_STARTING} or {@code EGRESS_ACTIVE} and no {@code egress_ended}
 * @param startedAt ms; LiveKit's {@code startedAt}, else the first event of the egress
 * @param endedAt   ms; LiveKit's {@code endedAt}, else the {@code egress_ended} event; null while running
 * @param error     LiveKit's error text, null when none
 */
public record EgressView(String egressId, String roomSid, String roomName, String status, boolean active,
                         Long startedAt, Long endedAt, String error) {
}
