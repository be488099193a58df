package dev.lkdash.webhooks.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.SseTestClient.Frame;
import dev.lkdash.testing.WebhookSender;
import dev.lkdash.testing.WebhookSender.Answer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook table of the contract, row by row, against the real WAR on Payara Micro. Each
 * refused webhook is followed by a valid marker: the stream's next message being the marker shows
 * the refused one was broadcast to no one.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class WebhookIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_BODY = 16_384;
    private static final AtomicInteger IDS = new AtomicInteger();

    @ArquillianResource
    URL base;

    private WebhookSender livekit;
    private SseTestClient stream;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("webhooks", Map.of("dashboard.webhook.max-body-bytes", Integer.toString(MAX_BODY)));
    }

    @BeforeEach
    void openStream() throws InterruptedException {
        livekit = new WebhookSender(base, LiveKitSigner.TEST);
        stream = SseTestClient.open(base);
        assertEquals("connected", stream.nextMessage(WAIT).json().getString("event"));
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void everyEventTypeIsAcceptedAndArrivesOnceWithItsId() throws InterruptedException {
        for (String eventName : Fixtures.EVENT_NAMES) {
            String eventId = nextEventId();
            Answer answer = livekit.send(WebhookSender.withId(Fixtures.body(eventName), eventId));
            assertEquals(200, answer.status(), answer.body());
            assertEquals("ok", answer.json().getString("status"));
            String messageId = answer.json().getString("id");

            Frame frame = stream.nextMessage(WAIT);
            assertEquals(messageId, frame.id(), "the id: line is the id the webhook was answered with");
            assertNull(frame.event(), "no event: line, so onmessage sees it");
            JsonObject message = frame.json();
            assertEquals(messageId, message.getString("id"));
            assertEquals("livekit", message.getString("type"));
            assertEquals(eventName, message.getString("event"));
            assertEquals(eventId, message.getJsonObject("metadata").getString("webhookId"));
        }
        assertTrue(stream.messagesWithin(Duration.ofMillis(300)).isEmpty(), "each event arrives once");
    }

    @Test
    void aRetriedEventIsAnsweredAsDuplicateAndNotBroadcastAgain() throws InterruptedException {
        byte[] body = WebhookSender.withId(Fixtures.body("participant_joined"), nextEventId());
        assertEquals("ok", livekit.send(body).json().getString("status"));
        assertEquals("participant_joined", stream.nextMessage(WAIT).json().getString("event"));

        Answer retry = livekit.send(body);
        assertEquals(200, retry.status());
        assertEquals("{\"status\":\"duplicate\"}", retry.body().replace(" ", ""));
        assertMarkerIsNext();
    }

    @Test
    void anEventWithoutIdIsDeduplicatedByItsBody() throws InterruptedException {
        String body = "{\"event\":\"room_started\",\"room\":{\"sid\":\"RM_noid\",\"name\":\"no-id\"},\"createdAt\":\"" + IDS.incrementAndGet() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEquals("ok", livekit.send(bytes).json().getString("status"));
        assertTrue(stream.nextMessage(WAIT).json().getJsonObject("metadata").getString("webhookId").startsWith("sha256:"));
        assertEquals("duplicate", livekit.send(bytes).json().getString("status"));
        assertMarkerIsNext();
    }

    @Test
    void badSignaturesAreRefusedWith400AndChangeNothing() throws InterruptedException {
        byte[] body = WebhookSender.withId(Fixtures.body("room_started"), nextEventId());
        long now = System.currentTimeMillis();
        String[] badTokens = {
            null,
            "",
            "garbage",
            new LiveKitSigner(LiveKitSigner.TEST.apiKey(), "wrong-secret-wrong-secret-wrong").sign(body),
            new LiveKitSigner("APIsomeoneelse", LiveKitSigner.TEST.apiSecret()).sign(body),
            LiveKitSigner.TEST.token(body, new Date(now - 600_000), new Date(now - 120_000)),
            LiveKitSigner.TEST.sign("{\"event\":\"room_started\"}".getBytes(StandardCharsets.UTF_8)),
        };
        for (String token : badTokens) {
            Answer answer = livekit.send(body, WebhookSender.CONTENT_TYPE, token);
            assertEquals(400, answer.status(), answer.body());
            assertEquals("invalid_signature", answer.json().getString("error"));
            assertTrue(answer.json().getString("message").length() > 5);
            assertEquals("application/json", answer.header("Content-Type"));
        }
        assertMarkerIsNext();
        assertEquals("ok", livekit.send(body).json().getString("status"), "a refused event's id is not remembered");
    }

    @Test
    void aBearerPrefixAndApplicationJsonAreAccepted() throws InterruptedException {
        byte[] body = WebhookSender.withId(Fixtures.body("room_started"), nextEventId());
        Answer answer = livekit.send(body, "application/json; charset=utf-8", "Bearer " + LiveKitSigner.TEST.sign(body));
        assertEquals(200, answer.status(), answer.body());
        assertEquals(answer.json().getString("id"), stream.nextMessage(WAIT).id());
    }

    @Test
    void malformedPayloadsAreRefusedWith400() throws InterruptedException {
        String[] bodies = {"not json", "[1,2]", "{\"room\":{\"name\":\"x\"}}", "{\"event\":\"\"}", "{\"event\":42,\"room\":7}"};
        for (String text : bodies) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            Answer answer = livekit.send(body);
            assertEquals(400, answer.status(), text + " -> " + answer.body());
            assertEquals("malformed_payload", answer.json().getString("error"), text);
        }
        assertMarkerIsNext();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeVerification() throws Exception {
        byte[] large = ("{\"event\":\"room_started\",\"padding\":\"" + "x".repeat(MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        Answer declared = livekit.send(large, WebhookSender.CONTENT_TYPE, "not even a token");
        assertEquals(413, declared.status());
        assertEquals("payload_too_large", declared.json().getString("error"));

        HttpURLConnection chunked = (HttpURLConnection) URI.create(base.toString()).resolve("/api/webhooks/livekit").toURL().openConnection();
        chunked.setRequestMethod("POST");
        chunked.setDoOutput(true);
        chunked.setChunkedStreamingMode(1024);
        chunked.setRequestProperty("Content-Type", WebhookSender.CONTENT_TYPE);
        chunked.setRequestProperty("Authorization", LiveKitSigner.TEST.sign(large));
        try (OutputStream out = chunked.getOutputStream()) {
            out.write(large);
        } catch (IOException refusedEarly) {
            // the server may answer before reading everything
        }
        assertEquals(413, chunked.getResponseCode(), "a body without Content-Length is cut at the limit");
        assertMarkerIsNext();
    }

    @Test
    void otherContentTypesAreRefusedWith415() throws InterruptedException {
        byte[] body = WebhookSender.withId(Fixtures.body("room_started"), nextEventId());
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            Answer answer = livekit.send(body, type, LiveKitSigner.TEST.sign(body));
            assertEquals(415, answer.status(), type + " -> " + answer.body());
            assertEquals("unsupported_media_type", answer.json().getString("error"));
        }
        assertMarkerIsNext();
        assertEquals("ok", livekit.send(body).json().getString("status"), "a refused event's id is not remembered");
    }

    @Test
    void anUnknownEventNameIsAcceptedAndBroadcast() throws InterruptedException {
        String body = "{\"event\":\"room_metadata_changed\",\"id\":\"" + nextEventId()
                + "\",\"createdAt\":\"1767261600\",\"room\":{\"sid\":\"RM_x\",\"name\":\"x\",\"creationTime\":\"1767261600\"}}";
        Answer answer = livekit.send(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status());
        JsonObject message = stream.nextMessage(WAIT).json();
        assertEquals("room_metadata_changed", message.getString("event"));
        assertEquals(1_767_261_600L, message.getJsonObject("data").getJsonObject("room").getJsonNumber("creationTime").longValue());
    }

    @Test
    void webhookHealthCountsWhatArrivedWhatWasRefusedAndTheRetries() throws InterruptedException {
        ReadApi api = new ReadApi(base);
        JsonObject before = api.object("/api/webhooks/health");
        byte[] body = WebhookSender.withId(Fixtures.body("room_started"), nextEventId());
        assertEquals("ok", livekit.send(body).json().getString("status"));
        assertEquals("duplicate", livekit.send(body).json().getString("status"));
        assertEquals(400, livekit.send(body, WebhookSender.CONTENT_TYPE, "garbage").status());

        JsonObject after = api.object("/api/webhooks/health");
        assertEquals(count(before, "room_started") + 1, count(after, "room_started"));
        assertTrue(after.getJsonObject("byEvent").getJsonObject("room_started").getJsonNumber("lastReceivedAt")
                .longValue() > System.currentTimeMillis() - 60_000);
        assertEquals(before.getJsonObject("refused").getInt("invalid_signature") + 1,
                after.getJsonObject("refused").getInt("invalid_signature"));
        assertEquals(6, after.getJsonObject("refused").size(), "every reason, counted or not");
        assertEquals(before.getInt("duplicates") + 1, after.getInt("duplicates"));
        JsonObject refusal = after.getJsonArray("recentRefusals").getJsonObject(0);
        assertEquals("invalid_signature", refusal.getString("reason"));
        assertFalse(refusal.getString("address").isBlank(), "the address it came from");
        assertEquals(3, refusal.size(), "when, why and from where; never a body");
        assertFalse(after.getBoolean("silent"));

        Frame notice = stream.next(WAIT);
        while (notice.data() == null || !notice.data().contains("\"event\":\"webhook_health\"")) {
            notice = stream.next(WAIT);
        }
        assertEquals("system", notice.json().getString("type"));
        assertEquals("webhook_health", notice.json().getJsonObject("data").getString("action"));
        assertEquals(after.getJsonObject("refused"), api.object("/api/webhooks/health").getJsonObject("refused"),
                "stored as counted");
    }

    private static int count(JsonObject health, String event) {
        JsonObject tally = health.getJsonObject("byEvent").getJsonObject(event);
        return tally == null ? 0 : tally.getInt("count");
    }

    @Test
    void errorsOutsideTheWebhookAreJsonToo() throws IOException {
        HttpURLConnection missing = (HttpURLConnection) URI.create(base.toString()).resolve("/api/no-such-thing").toURL().openConnection();
        assertEquals(404, missing.getResponseCode());
        assertTrue(missing.getContentType().startsWith("application/json"), missing.getContentType());
        String body = new String(missing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"error\":\"not_found\""), body);

        HttpURLConnection wrongMethod = (HttpURLConnection) URI.create(base.toString()).resolve("/api/webhooks/livekit").toURL().openConnection();
        assertEquals(405, wrongMethod.getResponseCode());
        assertTrue(wrongMethod.getContentType().startsWith("application/json"), wrongMethod.getContentType());
    }

    /** Sends a valid webhook and asserts it is the stream's next message. */
    private void assertMarkerIsNext() throws InterruptedException {
        String markerId = nextEventId();
        Answer marker = livekit.send(WebhookSender.withId(Fixtures.body("room_started"), markerId));
        assertEquals(200, marker.status(), marker.body());
        assertEquals(markerId, stream.nextMessage(WAIT).json().getJsonObject("metadata").getString("webhookId"),
                "nothing refused was broadcast before the marker");
    }

    private static String nextEventId() {
        return "EV_webhookit" + IDS.incrementAndGet();
    }
}
