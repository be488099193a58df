package dev.lkdash.store.entity;

/**
 * One accepted LiveKit webhook event as it arrived (table {@code webhook_event}). Rows are only
 * ever inserted and, past the retention, deleted: never updated.
 *
 * @param eventId    LiveKit's event id, or {@code sha256:<body hash>} for an event without one
 * @param roomSid    the room session it names, null when none
 * @param roomName   the room name it names, null when none
 * @param createdAt  LiveKit's {@code createdAt}, ms (the receipt time when LiveKit left it out)
 * @param receivedAt when the dashboard accepted the webhook, ms
 * @param body       the verified body, exactly as LiveKit sent it (UTF-8 JSON)
 */
public record RecordedEvent(String eventId, String name, String roomSid, String roomName, long createdAt,
                            long receivedAt, String body) {
}
