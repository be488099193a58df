package dev.lkdash.rooms.control;

import java.time.Instant;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

import dev.lkdash.rooms.entity.ProjectedEvent;
import livekit.LivekitAgent;
import livekit.LivekitWebhook;

/**
 * Parses a webhook body (LiveKit's protobuf JSON) into a {@link ProjectedEvent}: the
 * {@code WebhookEvent} the SDK knows, plus the top-level {@code job} object of agent job events,
 * which this SDK version's {@code WebhookEvent} lacks and its parser drops. Signature
 * verification is the webhook boundary's business; this only parses.
 */
public final class WebhookEvents {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private WebhookEvents() {
    }

    /**
     * @param eventId the id to use; null or blank for the body's own {@code id}
     * @throws InvalidProtocolBufferException the body is not a protobuf-JSON {@code WebhookEvent}
     */
    public static ProjectedEvent parse(String body, String eventId, Instant receivedAt)
            throws InvalidProtocolBufferException {
        LivekitWebhook.WebhookEvent.Builder event = LivekitWebhook.WebhookEvent.newBuilder();
        PARSER.merge(body, event);
        return new ProjectedEvent(eventId, event.build(), job(body), receivedAt);
    }

    /** The body's top-level {@code job}, or null when there is none. */
    public static LivekitAgent.Job job(String body) throws InvalidProtocolBufferException {
        if (!body.contains("\"job\"")) {
            return null;
        }
        Struct.Builder root = Struct.newBuilder();
        PARSER.merge(body, root);
        Value job = root.getFieldsMap().get("job");
        if (job == null || !job.hasStructValue()) {
            return null;
        }
        LivekitAgent.Job.Builder builder = LivekitAgent.Job.newBuilder();
        PARSER.merge(JsonFormat.printer().print(job.getStructValue()), builder);
        return builder.build();
    }
}
