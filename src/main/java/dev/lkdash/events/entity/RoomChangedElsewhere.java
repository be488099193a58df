package dev.lkdash.events.entity;

/**
 * CDI event fired (synchronously, by the shared stream's reader, before the message is delivered)
 * when another instance's message says it changed a room session: this instance's live state
 * takes the change from the database first, so its clients never refetch an older state.
 *
 * @param roomSid the room session's sid
 */
public record RoomChangedElsewhere(String roomSid) {
}
