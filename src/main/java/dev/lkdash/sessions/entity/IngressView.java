package dev.lkdash.sessions.entity;

/**
 * One ingress within a room session (an ingress is reusable; each session gets its own record).
 *
 * @param roomSid   the session it was attached to (LiveKit sends no room sid for most ingress
 *                  events: attachment is by room name and time, see the projection's rules)
 * @param status    {@code IngressState.Status} name of the latest ingress event
 * @param active    the latest event is not {@code ingress_ended} and the status is not
 *                  {@code ENDPOINT_ERROR}/{@code ENDPOINT_COMPLETE}
 */
public record IngressView(String ingressId, String name, String roomSid, String roomName, String participantIdentity,
                          String status, boolean active, Long startedAt, Long endedAt, String error) {
}
