package dev.lkdash.events.entity;

/**
 * CDI event fired (synchronously, by the shared stream's reader, before the message is delivered)
 * when another instance's message carries a change of the live rooms: this instance's live state
 * takes it first, so its clients never refetch an older state.
 *
 * @param change the change as the rooms component of the instance that made it wrote it
 */
public record RoomChangedElsewhere(String change) {
}
