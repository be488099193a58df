package dev.lkdash.sessions.entity;

/**
 * One room session as listed by {@code GET /api/sessions}.
 *
 * @param sid               LiveKit's room sid
 * @param startedAt         room creation time (ms); the first event's time when never learnt
 * @param endedAt           null while the session is live
 * @param durationSeconds   (endedAt, or now while live) minus startedAt, whole seconds
 * @param peakParticipants  most participants present at once (kinds counted as in
 *                          {@code numParticipants}: all but EGRESS)
 * @param totalParticipants distinct identities that were present (same kinds)
 */
public record SessionSummary(String sid, String roomName, long startedAt, Long endedAt, long durationSeconds,
                             int peakParticipants, int totalParticipants) {
}
