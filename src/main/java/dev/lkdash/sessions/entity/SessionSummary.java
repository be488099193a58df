package dev.lkdash.sessions.entity;

/**
 * One room session as listed by {@code GET /api/sessions}.
 *
 * @param sid               LiveKit's room sid
 * @param startedAt         room creation time (ms); the first event's time when never learnt
 * @param endedAt           null while the session is live
 * @param endedBy           what ended it: {@code room_finished}, {@code presumed_ended} (it went
 *                          quiet and its {@code room_finished} never came), {@code session_superseded}
 *                          (a newer session of its name started), {@code session_inactive} (seen only
 *                          through egress/ingress/agent jobs, all over); null while live
 * @param durationSeconds   (endedAt, or now while live) minus startedAt, whole seconds
 * @param peakParticipants  most participants present at once (kinds counted as in
 *                          {@code numParticipants}: all but EGRESS)
 * @param totalParticipants distinct identities that were present (same kinds)
 */
public record SessionSummary(String sid, String roomName, long startedAt, Long endedAt, String endedBy,
                             long durationSeconds, int peakParticipants, int totalParticipants) {
}
