package dev.lkdash.sessions.entity;

/**
 * An agent job dispatched to a room session.
 *
 * @param type   {@code JT_ROOM}, {@code JT_PUBLISHER}, {@code JT_PARTICIPANT}
 * @param status {@code JobStatus} name, the most advanced one seen
 * @param active not ended and status {@code JS_PENDING}/{@code JS_RUNNING}
 */
public record AgentJobView(String jobId, String type, String agentName, String roomSid, String roomName,
                           String participantIdentity, String status, boolean active, Long startedAt, Long endedAt,
                           String error) {
}
