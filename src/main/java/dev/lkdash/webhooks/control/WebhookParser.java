package dev.lkdash.webhooks.control;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.lkdash.events.entity.LiveKitEvent;
import static dev.lkdash.platform.JsonProviders.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import livekit.LivekitAgent;
import livekit.LivekitWebhook;

/**
 * Parses a verified body with the LiveKit SDK's protobuf types, as LiveKit encodes them (protobuf
 * JSON, unknown fields ignored so that newer LiveKit servers still parse).
 */
public final class WebhookParser {

    private static final JsonFormat.Parser PROTOBUF_JSON = JsonFormat.parser().ignoringUnknownFields();

    private WebhookParser() {
    }

    /**
     * @throws dev.lkdash.platform.ApiException {@code malformed_payload}; its message says what was
     *         expected, never the parser's own words (they name its classes and echo the body)
     */
    public static LiveKitEvent parse(byte[] body, byte[] bodySha256) {
        String json = utf8(body);
        LivekitWebhook.WebhookEvent.Builder event = LivekitWebhook.WebhookEvent.newBuilder();
        try {
            PROTOBUF_JSON.merge(json, event);
        } catch (InvalidProtocolBufferException | RuntimeException notWebhookEvent) {
            throw WebhookRefusal.malformedPayload("The body is not a LiveKit WebhookEvent in protobuf JSON");
        }
        if (event.getEvent().isBlank()) {
            throw WebhookRefusal.malformedPayload("The event has no \"event\" name");
        }
        String webhookId = event.getId().isBlank()
                ? "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bodySha256)
                : event.getId();
        return new LiveKitEvent(event.build(), agentJob(json), webhookId);
    }

    /** The {@code job} object of agent events, which this SDK's WebhookEvent does not declare. */
    private static LivekitAgent.Job agentJob(String json) {
        if (!json.contains("\"job\"")) {
            return null;
        }
        JsonValue job;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            job = reader.readObject().get("job");
        } catch (JsonException | ClassCastException notAnObject) {
            throw WebhookRefusal.malformedPayload("The body is not a JSON object");
        }
        if (!(job instanceof JsonObject)) {
            return null;
        }
        LivekitAgent.Job.Builder parsed = LivekitAgent.Job.newBuilder();
        try {
            PROTOBUF_JSON.merge(job.toString(), parsed);
        } catch (InvalidProtocolBufferException | RuntimeException notJob) {
            throw WebhookRefusal.malformedPayload("The job is not a LiveKit agent Job in protobuf JSON");
        }
        return parsed.build();
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw WebhookRefusal.malformedPayload("The body is not UTF-8 text");
        }
    }

}
