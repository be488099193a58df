package dev.lkdash.sessions.entity;

/**
 * One event of a session's timeline (the {@code events} of a session detail).
 *
 * @param id                  LiveKit's event id
 * @param event               LiveKit's event name (unknown names included)
 * @param timestamp           LiveKit's {@code createdAt}, ms
 * @param participantIdentity the participant the event is about, null when none
 * @param trackSid            the track the event is about, null when none
 * @param detail              one short human-readable line
 */
public record TimelineEntry(String id, String event, long timestamp, String participantIdentity, String trackSid,
                            String detail) {
}
