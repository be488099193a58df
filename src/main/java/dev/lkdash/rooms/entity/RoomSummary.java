package dev.lkdash.rooms.entity;

/**
 * One active room, as listed by {@code GET /api/rooms} and carried by SSE messages as
 * {@code data.roomSummary}. Counts are derived from the projected state, never copied from a
 * payload.
 *
 * @param sid             LiveKit's room sid (one per room session)
 * @param name            room name
 * @param numParticipants participants present now, every kind except {@code EGRESS}
 *                        (recorders are shown through {@code activeRecording})
 * @param numPublishers   of those, the ones with at least one published track (muted or not)
 * @param creationTime    room creation, ms
 * @param metadata        room metadata ("" when none)
 * @param activeRecording an egress of this room is starting or active
 */
public record RoomSummary(String sid, String name, int numParticipants, int numPublishers, long creationTime,
                          String metadata, boolean activeRecording) {
}
