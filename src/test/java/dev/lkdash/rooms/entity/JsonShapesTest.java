package dev.lkdash.rooms.entity;

import dev.lkdash.sessions.entity.EgressView;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionPage;
import dev.lkdash.sessions.entity.TimelineEntry;
import dev.lkdash.stats.entity.StatsOverview;
import dev.lkdash.stats.entity.StatsPoint;
import dev.lkdash.stats.entity.StatsTotals;
import dev.lkdash.webhooks.entity.WebhookReceipt;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The read models as JSON-B (Yasson, as in Payara) writes them with its defaults. */
class JsonShapesTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private static JsonObject json(Object value) {
        return Json.createReader(new StringReader(JSONB.toJson(value))).readObject();
    }

    @Test
    void aRoomSummaryInSseMessagesIsTheSameObjectAsInTheRoomList() {
        RoomSummary summary = new RoomSummary("RM_a", "lobby", 2, 1, 1_767_261_600_000L, "{\"k\":1}", true);
        assertEquals(json(summary), summary.toJson());
        assertEquals("{\"activeRecording\":true,\"creationTime\":1767261600000,\"metadata\":\"{\\\"k\\\":1}\","
                + "\"name\":\"lobby\",\"numParticipants\":2,\"numPublishers\":1,\"sid\":\"RM_a\"}", JSONB.toJson(summary));
    }

    @Test
    void nullsAreWrittenAsNull() {
        EgressView egress = new EgressView("EG_1", "RM_a", "lobby", "EGRESS_ACTIVE", true, 5L, null, null);
        JsonObject written = json(egress);
        assertEquals(8, written.size(), written.toString());
        assertEquals(Json.createValue(5L).toString(), written.get("startedAt").toString());
        assertEquals("null", written.get("endedAt").toString());

        JsonObject page = json(new SessionPage(List.of(), null));
        assertEquals("null", page.get("nextCursor").toString());
        assertEquals(0, page.getJsonArray("items").size());

        ParticipantView participant = new ParticipantView("PA_1", "alice", "Alice", "STANDARD", "ACTIVE", 1L, null,
                null, "", Map.of("a", "b"), List.of());
        assertEquals("b", json(participant).getJsonObject("attributes").getString("a"));
        assertEquals("null", json(participant).get("leftAt").toString());
    }

    @Test
    void aSessionDetailCarriesItsTimelineAsEvents() {
        SessionDetail detail = new SessionDetail("RM_a", "lobby", 1L, null, null, 3, 1, 1, "", List.of(), List.of(),
                List.of(), List.of(), List.of(new TimelineEntry("EV_1", "room_started", 1L, null, null, "room lobby started")));
        JsonObject written = json(detail);
        assertEquals("room_started", written.getJsonArray("events").getJsonObject(0).getString("event"));
        assertEquals(1, written.getJsonArray("events").getJsonObject(0).getJsonNumber("timestamp").longValue());
        assertEquals("EV_1", written.getJsonArray("events").getJsonObject(0).getString("id"));
        assertEquals("null", written.get("endedAt").toString());
        assertEquals("null", written.get("endedBy").toString());
    }

    @Test
    void statsAndReceiptsKeepTheirShapes() {
        JsonObject stats = json(new StatsOverview("1h", new StatsTotals(1, 2, 3, 0), List.of(new StatsPoint(60_000, 1, 2, 1, 0))));
        assertEquals(2, stats.getJsonObject("current").getInt("participants"));
        assertEquals(60_000, stats.getJsonArray("series").getJsonObject(0).getJsonNumber("t").longValue());
        assertEquals("{\"status\":\"duplicate\"}", JSONB.toJson(WebhookReceipt.duplicate()),
                "outside the read models a null is still left out");
    }
}
