package dev.lkdash.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.webhooks.control.WebhookParser;
import dev.lkdash.webhooks.control.WebhookVerifier;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MessageFactoryTest {

    /** The objects each fixture carries, as the contract names them under {@code data}. */
    private static final Map<String, Set<String>> OBJECTS = Map.ofEntries(
            Map.entry("room_started", Set.of("room")),
            Map.entry("room_finished", Set.of("room")),
            Map.entry("participant_joined", Set.of("room", "participant")),
            Map.entry("participant_left", Set.of("room", "participant")),
            Map.entry("participant_connection_aborted", Set.of("room", "participant")),
            Map.entry("track_published", Set.of("room", "participant", "track")),
            Map.entry("track_unpublished", Set.of("room", "participant", "track")),
            Map.entry("egress_started", Set.of("egressInfo")),
            Map.entry("egress_updated", Set.of("egressInfo")),
            Map.entry("egress_ended", Set.of("egressInfo")),
            Map.entry("ingress_started", Set.of("ingressInfo")),
            Map.entry("ingress_ended", Set.of("ingressInfo")));

    static Iterable<String> eventNames() {
        return Fixtures.EVENT_NAMES;
    }

    @ParameterizedTest
    @MethodSource("eventNames")
    void everyFixtureBecomesAMessageOfTheContract(String eventName) {
        byte[] body = Fixtures.body(eventName);
        JsonObject raw = read(new String(body, StandardCharsets.UTF_8));
        JsonObject message = message(body, 1_767_261_605_123L);

        assertEquals("livekit", message.getString("type"));
        assertEquals(eventName, message.getString("event"));
        assertEquals(1_767_261_605_123L, message.getJsonNumber("timestamp").longValue());
        JsonObject metadata = message.getJsonObject("metadata");
        assertEquals("webhook", metadata.getString("source"));
        assertEquals("1.0.0", metadata.getString("version"));
        assertEquals(raw.getString("id"), metadata.getString("webhookId"));
        assertEquals(OBJECTS.get(eventName), message.getJsonObject("data").keySet());
        for (String object : OBJECTS.get(eventName)) {
            assertSameValues(raw.getJsonObject(object), message.getJsonObject("data").getJsonObject(object), object);
        }
    }

    @Test
    void int64BecomeNumbersAndZeroValuesAreFilledIn() {
        JsonObject data = message(Fixtures.body("track_published"), 0).getJsonObject("data");
        JsonObject room = data.getJsonObject("room");
        assertEquals(1_767_261_600L, room.getJsonNumber("creationTime").longValue());
        assertEquals(0, room.getInt("departureTimeout"), "absent in LiveKit's JSON, zero here");
        JsonObject participant = data.getJsonObject("participant");
        assertEquals(1_767_261_605L, participant.getJsonNumber("joinedAt").longValue());
        assertEquals("STANDARD", participant.getString("kind"), "an omitted enum is its zero value, by name");
        assertFalse(participant.getBoolean("isPublisher"));
        assertTrue(participant.getJsonArray("tracks").isEmpty());
        JsonObject track = data.getJsonObject("track");
        assertEquals("VIDEO", track.getString("type"));
        assertEquals("CAMERA", track.getString("source"));
        assertFalse(track.getBoolean("muted"));
    }

    @Test
    void anOmittedTrackTypeIsAudio() {
        String body = new String(Fixtures.body("track_published"), StandardCharsets.UTF_8)
                .replace("\"type\": \"VIDEO\",", "");
        JsonObject track = message(body.getBytes(StandardCharsets.UTF_8), 0).getJsonObject("data").getJsonObject("track");
        assertEquals("AUDIO", track.getString("type"));
    }

    @Test
    void egressTimesStayInNanoseconds() {
        JsonObject egress = message(Fixtures.body("egress_ended"), 0).getJsonObject("data").getJsonObject("egressInfo");
        assertEquals(1_767_261_620_000_000_000L, egress.getJsonNumber("startedAt").longValue());
        assertEquals("EGRESS_COMPLETE", egress.getString("status"));
        assertEquals("EGRESS_STARTING", message(Fixtures.body("egress_started"), 0)
                .getJsonObject("data").getJsonObject("egressInfo").getString("status"));
    }

    @Test
    void anUnknownEventNameKeepsItsObjects() {
        String body = "{\"event\":\"room_metadata_changed\",\"id\":\"EV_new\",\"createdAt\":\"5\","
                + "\"room\":{\"sid\":\"RM_1\",\"name\":\"r\"},\"somethingNew\":{\"x\":1}}";
        JsonObject message = message(body.getBytes(StandardCharsets.UTF_8), 0);
        assertEquals("room_metadata_changed", message.getString("event"));
        assertEquals("RM_1", message.getJsonObject("data").getJsonObject("room").getString("sid"));
        assertEquals(5, message.getJsonObject("metadata").getInt("createdAt"));
    }

    @Test
    void anAgentJobIsCarried() {
        String body = "{\"event\":\"agent_job_started\",\"id\":\"EV_job\",\"createdAt\":\"5\","
                + "\"job\":{\"id\":\"AJ_1\",\"type\":\"JT_ROOM\",\"room\":{\"sid\":\"RM_1\",\"name\":\"r\"},"
                + "\"agentName\":\"transcriber\",\"state\":{\"status\":\"JS_RUNNING\",\"startedAt\":\"1767261600000\"}}}";
        JsonObject job = message(body.getBytes(StandardCharsets.UTF_8), 0).getJsonObject("data").getJsonObject("job");
        assertEquals("AJ_1", job.getString("id"));
        assertEquals("JT_ROOM", job.getString("type"));
        assertEquals("transcriber", job.getString("agentName"));
        assertEquals("JS_RUNNING", job.getJsonObject("state").getString("status"));
        assertEquals(1_767_261_600_000L, job.getJsonObject("state").getJsonNumber("startedAt").longValue());
    }

    /** Every member LiveKit sent has the same value here, int64 strings compared as numbers. */
    private static void assertSameValues(JsonObject sent, JsonObject converted, String path) {
        for (Map.Entry<String, JsonValue> member : sent.entrySet()) {
            String where = path + "." + member.getKey();
            JsonValue ours = converted.get(member.getKey());
            JsonValue theirs = member.getValue();
            if (theirs instanceof JsonObject object) {
                assertSameValues(object, (JsonObject) ours, where);
            } else if (theirs instanceof JsonString text && ours instanceof JsonNumber number) {
                assertEquals(text.getString(), number.bigIntegerValueExact().toString(), where);
            } else {
                assertEquals(theirs, ours, where);
            }
        }
    }

    private static JsonObject message(byte[] body, long acceptedAt) {
        LiveKitEvent event = WebhookParser.parse(body, WebhookVerifier.sha256(body));
        return read(MessageFactory.livekit(event, acceptedAt, null));
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
