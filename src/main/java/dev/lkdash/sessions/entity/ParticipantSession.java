package dev.lkdash.sessions.entity;

import java.util.List;

/**
 * One participant session (one LiveKit participant sid) within a room session.
 *
 * @param leftAt           the leave event; for a participant still listed when the room session
 *                         ended, the session's {@code endedAt}; null while present
 * @param durationSeconds  (leftAt, or now while present) minus joinedAt, whole seconds
 * @param disconnectReason LiveKit's {@code DisconnectReason} name, null when none was given
 * @param endedBy          what ended it: {@code participant_left},
 *                         {@code participant_connection_aborted}, {@code room_finished} (still
 *                         listed when the room finished), {@code session_superseded} (a newer
 *                         session of the room started without this one finishing), null while present
 */
public record ParticipantSession(String sid, String identity, String name, String kind, long joinedAt, Long leftAt,
                                 long durationSeconds, String disconnectReason, String endedBy,
                                 List<TrackSession> tracks) {
}
