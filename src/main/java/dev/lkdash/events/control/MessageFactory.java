package dev.lkdash.events.control;

import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.events.entity.MessageTypes;
import static dev.lkdash.platform.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import livekit.LivekitWebhook.WebhookEvent;

/** Builds the JSON of dashboard messages (without their id, which the journal assigns). */
public final class MessageFactory {

    private MessageFactory() {
    }

    /**
     * The message for a LiveKit event: its objects under {@code data}, LiveKit's event id in
     * {@code metadata.webhookId}.
     *
     * @param roomSummary the room's summary after the event, or null while no room state exists
     */
    public static String livekit(LiveKitEvent accepted, long acceptedAt, JsonObject roomSummary) {
        WebhookEvent event = accepted.event();
        JsonObjectBuilder data = JSON.createObjectBuilder();
        if (event.hasRoom()) {
            data.add("room", ProtoJson.toJson(event.getRoom()));
        }
        if (event.hasParticipant()) {
            data.add("participant", ProtoJson.toJson(event.getParticipant()));
        }
        if (event.hasTrack()) {
            data.add("track", ProtoJson.toJson(event.getTrack()));
        }
        if (event.hasEgressInfo()) {
            data.add("egressInfo", ProtoJson.toJson(event.getEgressInfo()));
        }
        if (event.hasIngressInfo()) {
            data.add("ingressInfo", ProtoJson.toJson(event.getIngressInfo()));
        }
        if (accepted.job() != null) {
            data.add("job", ProtoJson.toJson(accepted.job()));
        }
        if (roomSummary != null) {
            data.add("roomSummary", roomSummary);
        }
        JsonObjectBuilder metadata = JSON.createObjectBuilder()
                .add("source", "webhook")
                .add("version", MessageTypes.SCHEMA_VERSION)
                .add("webhookId", accepted.webhookId())
                .add("createdAt", event.getCreatedAt());
        return message(MessageTypes.LIVEKIT, event.getEvent(), acceptedAt, data.build(), metadata.build());
    }

    /** A message the dashboard itself sends ({@code connected}, {@code resync}, corrections). */
    public static String system(String event, long timestamp, JsonObject data) {
        JsonObject metadata = JSON.createObjectBuilder()
                .add("source", "internal")
                .add("version", MessageTypes.SCHEMA_VERSION)
                .build();
        return message(MessageTypes.SYSTEM, event, timestamp, data, metadata);
    }

    private static String message(String type, String event, long timestamp, JsonObject data, JsonObject metadata) {
        return JSON.createObjectBuilder()
                .add("type", type)
                .add("event", event)
                .add("timestamp", timestamp)
                .add("data", data)
                .add("metadata", metadata)
                .build()
                .toString();
    }
}
