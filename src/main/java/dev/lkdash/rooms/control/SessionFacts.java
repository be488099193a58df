package dev.lkdash.rooms.control;

/**
 * What a room session's own events say about its place among the sessions of its name.
 *
 * @param startedAt   room creation, or its first event
 * @param lastEventAt its last event (at least {@code startedAt})
 * @param finishedAt  its earliest {@code room_finished}, null when none
 */
public record SessionFacts(String sid, String roomName, long startedAt, long lastEventAt, Long finishedAt) {
}
