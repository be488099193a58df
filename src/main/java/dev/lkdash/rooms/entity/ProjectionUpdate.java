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
 * @param sharedChange with {@code dashboard.bus=redis}: the live rooms the change left, as the other
 *                    instances take them with the event's message (see {@code LiveStateChange}); else null
 */
public record ProjectionUpdate(String eventId, boolean duplicate, String roomSid, String roomName, boolean roomActive,
                               RoomSummary roomSummary, String sharedChange) {

    public ProjectionUpdate(String eventId, boolean duplicate, String roomSid, String roomName, boolean roomActive,
                            RoomSummary roomSummary) {
        this(eventId, duplicate, roomSid, roomName, roomActive, roomSummary, null);
    }

    public ProjectionUpdate withSharedChange(String change) {
        return new ProjectionUpdate(eventId, duplicate, roomSid, roomName, roomActive, roomSummary, change);
    }
}
