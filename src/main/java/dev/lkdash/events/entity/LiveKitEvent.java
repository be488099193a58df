package dev.lkdash.events.entity;

import livekit.LivekitAgent;
import livekit.LivekitWebhook;

/**
 * A verified LiveKit webhook event.
 *
 * @param event the event as the LiveKit SDK parsed it
 * @param job the agent job of {@code agent_job_*} events, or null: this SDK version's
 *            WebhookEvent has no {@code job} field, so it is parsed separately
 * @param webhookId LiveKit's event id, or {@code sha256:<hash of the body>} when it sent none
 */
public record LiveKitEvent(LivekitWebhook.WebhookEvent event, LivekitAgent.Job job, String webhookId) {

    public String name() {
        return event.getEvent();
    }
}
