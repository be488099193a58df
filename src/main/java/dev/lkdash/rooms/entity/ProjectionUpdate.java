package dev.lkdash.rooms.entity;

/**
 * What one {@code apply} changed.
 *
 * @param eventId     the applied event's id
 * @param duplicate   the event id had been applied before: nothing changed
 * @param roomSid     the room session the event belongs to, null when it names no room
 * @param roomName    that session's room name, null when it names no room
 * @param roomActive  that session is live after the event (false after {@code room_finished})
 * @param roomSummary the session's summary after the event (for SSE {@code data.roomSummary});
 *                    counts are 0 once the session is not live; null when the event names no room
 *                    or the room has no state yet (only unknown events seen)
 */
public record ProjectionUpdate(String eventId, boolean duplicate, String roomSid, String roomName, boolean roomActive,
                               RoomSummary roomSummary) {
}
