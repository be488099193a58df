package dev.lkdash.sessions.entity;

/**
 * One event of a session's timeline.
 *
 * @param eventId LiveKit's event id
 * @param event   LiveKit's event name (unknown names included)
 * @param time    LiveKit's {@code createdAt}, ms
 * @param summary one short human-readable line
 */
public record TimelineEntry(String eventId, String event, long time, String summary) {
}
