package dev.lkdash.rooms.entity;

import java.time.Instant;
import java.util.Objects;

import livekit.LivekitAgent;
import livekit.LivekitWebhook;

/**
 * One accepted LiveKit webhook, the unit the projection consumes.
 *
 * @param eventId    LiveKit's event {@code id} ({@code EV_…}); for an event without one, the
 *                   webhook layer passes its own stable key (e.g. the SHA-256 of the body). Two
 *                   events with the same id are the same event (a LiveKit retry).
 * @param event      the body parsed into the SDK's {@code WebhookEvent}
 * @param job        the top-level {@code job} object of {@code agent_job_*} events, parsed
 *                   separately (the SDK's {@code WebhookEvent} has no such field); {@code null}
 *                   for other events
 * @param receivedAt when the backend accepted the webhook. Not used for state (it differs between
 *                   deliveries); only a fallback time for an event without {@code createdAt}.
 */
public record ProjectedEvent(String eventId, LivekitWebhook.WebhookEvent event, LivekitAgent.Job job,
                             Instant receivedAt) {

    public ProjectedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (eventId == null || eventId.isBlank()) {
            eventId = event.getId();
        }
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("an event id is required (LiveKit's id or a body hash)");
        }
    }

    /** Uses the event's own {@code id}. */
    public static ProjectedEvent of(LivekitWebhook.WebhookEvent event, LivekitAgent.Job job, Instant receivedAt) {
        return new ProjectedEvent(event.getId(), event, job, receivedAt);
    }

    /** The LiveKit event name, e.g. {@code participant_joined}. */
    public String name() {
        return event.getEvent();
    }

    /**
     * The event's time in ms: LiveKit's {@code createdAt} (1-second resolution), or the receipt
     * time when LiveKit left it out.
     */
    public long createdAtMillis() {
        long createdAt = event.getCreatedAt();
        return createdAt > 0 ? createdAt * 1000L : receivedAt.toEpochMilli();
    }
}
