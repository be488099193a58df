package dev.lkdash.rooms.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Events;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.WebhookSender;
import dev.lkdash.testing.WebhookSender.Answer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read API against the real WAR on Payara Micro, fed by signed webhooks: what a webhook
 * answered 200 changed is visible at once, SSE messages carry the room's derived counts, and
 * history pages and filters as documented in docs/api.md.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ReadApiIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FIXTURE_SID = "RM_standup0001";

    @ArquillianResource
    URL base;

    private WebhookSender livekit;
    private ReadApi api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("read-api", Map.of());
    }

    @BeforeEach
    void clients() {
        livekit = new WebhookSender(base, LiveKitSigner.TEST);
        api = new ReadApi(base);
    }

    @Test
    void theFixtureSessionIsReadableAfterEachWebhookAndItsMessagesCarryTheRoomSummary() throws Exception {
        List<byte[]> session = Fixtures.session();
        try (SseTestClient stream = SseTestClient.open(base)) {
            assertEquals("connected", stream.nextMessage(WAIT).json().getString("event"));
            for (int i = 0; i < session.size(); i++) {
                Answer answer = livekit.send(session.get(i));
                assertEquals(200, answer.status(), answer.body());
                JsonObject message = stream.nextMessage(WAIT).json();
                JsonObject summary = message.getJsonObject("data").getJsonObject("roomSummary");
                assertNotNull(summary, "event " + (i + 1) + " names the room: its summary comes along");
                List<JsonObject> rooms = api.array("/api/rooms").getValuesAs(JsonObject.class).stream()
                        .filter(room -> room.getString("sid").equals(FIXTURE_SID)).toList();
                if (i < session.size() - 1) {
                    assertEquals(1, rooms.size(), "live after event " + (i + 1));
                    assertEquals(rooms.get(0), summary, "the message's summary is the room list's item");
                } else {
                    assertEquals(0, rooms.size(), "gone after room_finished");
                    assertEquals(0, summary.getInt("numParticipants"));
                    assertFalse(summary.getBoolean("activeRecording"));
                }
                if (i == 6) { // alice (2 tracks), the agent, bob (screen share)
                    assertEquals(3, summary.getInt("numParticipants"));
                    assertEquals(2, summary.getInt("numPublishers"));
                    JsonObject room = api.object("/api/rooms/daily-standup");
                    assertEquals(3, room.getJsonArray("participants").size());
                    assertEquals(room.getJsonArray("participants"), api.array("/api/rooms/daily-standup/participants"));
                    JsonObject alice = room.getJsonArray("participants").getJsonObject(0);
                    assertEquals("alice@example.com", alice.getString("identity"));
                    assertEquals(2, alice.getJsonArray("tracks").size());
                }
                if (i == 8) {
                    assertTrue(summary.getBoolean("activeRecording"), "egress active");
                }
            }
        }

        JsonObject page = api.object("/api/sessions?room=daily-standup");
        assertEquals(JsonValue.NULL, page.get("nextCursor"));
        JsonObject listed = page.getJsonArray("items").getJsonObject(0);
        assertEquals(FIXTURE_SID, listed.getString("sid"));
        assertEquals(1767261600000L, listed.getJsonNumber("startedAt").longValue());
        assertEquals(1767262205000L, listed.getJsonNumber("endedAt").longValue());
        assertEquals(605, listed.getInt("durationSeconds"));
        assertEquals(3, listed.getInt("peakParticipants"));

        JsonObject detail = api.object("/api/sessions/" + FIXTURE_SID);
        assertEquals(20, detail.getJsonArray("events").size(), "the timeline is under events");
        assertEquals("room_started", detail.getJsonArray("events").getJsonObject(0).getString("event"));
        assertEquals(3, detail.getJsonArray("participants").size());
        JsonObject bob = detail.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("identity").equals("bob@example.com")).findFirst().orElseThrow();
        assertFalse(bob.isNull("leftAt"));
        assertEquals("EGRESS_COMPLETE", detail.getJsonArray("egress").getJsonObject(0).getString("status"));
        assertEquals(1, detail.getJsonArray("ingress").size());

        assertNotFound(api.get("/api/rooms/daily-standup"));
        assertNotFound(api.get("/api/rooms/daily-standup/participants"));
    }

    @Test
    void sessionsPageNewestFirstAndFilterByRoomAndTime() {
        long t0 = 1_700_000_000L; // seconds, long before anything else in this deployment
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String sid = "RM_page" + i;
            String name = i % 2 == 0 ? "page-even" : "page-odd";
            long start = t0 + i * 60;
            assertEquals(200, livekit.send(Events.roomStarted("EV_pagestart" + i, sid, name, start)).status());
            assertEquals(200, livekit.send(Events.roomFinished("EV_pageend" + i, sid, name, start, start + 30)).status());
            newestFirst.add(0, sid);
        }
        String range = "&from=" + t0 * 1000 + "&to=" + (t0 + 7 * 60) * 1000;
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.object("/api/sessions?limit=3" + range + (cursor == null ? "" : "&cursor=" + cursor));
            page.getJsonArray("items").getValuesAs(JsonObject.class).forEach(s -> paged.add(s.getString("sid")));
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(newestFirst, paged);
        assertEquals(3, pages);

        JsonArray even = api.object("/api/sessions?room=page-even" + range).getJsonArray("items");
        assertEquals(List.of("RM_page6", "RM_page4", "RM_page2", "RM_page0"), sids(even));
        assertEquals(30, even.getJsonObject(0).getInt("durationSeconds"));
        JsonArray window = api.object("/api/sessions?from=" + (t0 + 60) * 1000 + "&to=" + (t0 + 180) * 1000)
                .getJsonArray("items");
        assertEquals(List.of("RM_page2", "RM_page1"), sids(window), "from inclusive, to exclusive, by start time");
    }

    @Test
    void exportsHoldEveryPageOfTheFilterAsCsvAndJson() {
        long t0 = 1_600_000_000L; // seconds, before anything else in this deployment
        int count = 520; // more than one page of the export's reads
        for (int i = 0; i < count; i++) {
            String sid = "RM_export" + i;
            String name = i == 0 ? "=SUM(1,2)" : "export-room";
            long start = t0 + i * 60L;
            assertEquals(200, livekit.send(Events.roomStarted("EV_exportstart" + i, sid, name, start)).status());
            assertEquals(200, livekit.send(Events.roomFinished("EV_exportend" + i, sid, name, start, start + 30)).status());
        }
        String range = "from=" + t0 * 1000 + "&to=" + (t0 + count * 60L) * 1000;

        ReadApi.Answer csv = api.get("/api/sessions?" + range + "&limit=2&format=csv");
        assertEquals(200, csv.status(), csv.body());
        assertEquals("text/csv;charset=utf-8", csv.contentType().replace(" ", "").toLowerCase());
        assertEquals("attachment; filename=\"sessions.csv\"", csv.header("Content-Disposition"));
        List<String> lines = List.of(csv.body().split("\r\n", -1));
        assertEquals("sid,roomName,startedAt,endedAt,endedBy,durationSeconds,peakParticipants,totalParticipants",
                lines.get(0));
        assertEquals(count + 2, lines.size(), "a header, every session of the filter (not a page), a final CRLF");
        assertEquals("RM_export" + (count - 1) + ",export-room," + (t0 + (count - 1) * 60L) * 1000 + ","
                + (t0 + (count - 1) * 60L + 30) * 1000 + ",room_finished,30,0,0", lines.get(1));
        assertEquals("RM_export0,\"'=SUM(1,2)\"," + t0 * 1000 + ","
                + (t0 + 30) * 1000 + ",room_finished,30,0,0", lines.get(count), "quoted, and not a formula");

        ReadApi.Answer json = api.get("/api/sessions?" + range + "&format=json&room=export-room");
        assertEquals(200, json.status(), json.body());
        assertEquals("attachment; filename=\"sessions.json\"", json.header("Content-Disposition"));
        JsonArray all = json.json().asJsonArray();
        assertEquals(count - 1, all.size());
        assertEquals(api.object("/api/sessions?room=export-room&limit=1&" + range).getJsonArray("items").get(0),
                all.get(0), "the items the list pages hold");

        ReadApi.Answer attendance = api.get("/api/sessions/" + FIXTURE_SID + "?format=csv");
        if (attendance.status() == 200) { // the fixture session of the first test, when it ran before
            assertTrue(attendance.body().startsWith("sessionSid,roomName,participantSid,identity,"), attendance.body());
        }
        ReadApi.Answer detail = api.get("/api/sessions/RM_export1?format=json");
        assertEquals(200, detail.status(), detail.body());
        assertEquals("attachment; filename=\"session-RM_export1.json\"", detail.header("Content-Disposition"));
        assertEquals(api.object("/api/sessions/RM_export1"), detail.asObject());
        ReadApi.Answer noAttendance = api.get("/api/sessions/RM_export1?format=csv");
        assertEquals("sessionSid,roomName,participantSid,identity,name,kind,joinedAt,leftAt,durationSeconds,"
                + "disconnectReason,endedBy,tracks\r\n", noAttendance.body());

        for (String path : List.of("/api/sessions?format=xml", "/api/sessions/RM_export1?format=pdf")) {
            ReadApi.Answer refused = api.get(path);
            assertEquals(400, refused.status(), path);
            assertEquals("bad_parameter", refused.asObject().getString("error"));
        }
    }

    @Test
    void errorsAreJson() {
        assertNotFound(api.get("/api/rooms/no-such-room"));
        assertNotFound(api.get("/api/sessions/RM_nosuchsession"));
        for (String query : List.of("limit=0", "limit=abc", "from=yesterday", "to=-5", "from=20&to=10",
                "cursor=garbage!", "window=2h")) {
            String path = query.startsWith("window") ? "/api/stats/overview?" + query : "/api/sessions?" + query;
            ReadApi.Answer answer = api.get(path);
            assertEquals(400, answer.status(), path + ": " + answer.body());
            assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
            assertEquals("bad_parameter", answer.asObject().getString("error"));
        }
    }

    @Test
    void theOverviewCountsALiveRoomAndInfoNamesTheVersion() {
        long now = System.currentTimeMillis() / 1000;
        assertEquals(200, livekit.send(Events.roomStarted("EV_statsroom", "RM_stats", "stats-room", now - 90)).status());
        assertEquals(200, livekit.send(Events.participantJoined("EV_statsjoin", "RM_stats", "stats-room", now - 90,
                "PA_stats", "carol", now - 30)).status());
        JsonObject overview = api.object("/api/stats/overview?window=15m");
        assertEquals(1, overview.getJsonObject("current").getInt("activeRooms"));
        assertEquals(1, overview.getJsonObject("current").getInt("participants"));
        JsonArray series = overview.getJsonArray("series");
        assertEquals(15, series.size());
        JsonObject last = series.getJsonObject(14);
        assertEquals(1, last.getInt("activeRooms"));
        assertEquals(1, last.getInt("participants"));
        assertEquals(0, last.getJsonNumber("t").longValue() % 60_000);
        assertEquals(1440, api.object("/api/stats/overview?window=24h").getJsonArray("series").size());

        JsonObject info = api.object("/api/info");
        assertFalse(info.getBoolean("demo"));
        assertFalse(info.getString("version").isBlank());
    }

    private static List<String> sids(JsonArray items) {
        return items.getValuesAs(JsonObject.class).stream().map(s -> s.getString("sid")).toList();
    }

    private static void assertNotFound(ReadApi.Answer answer) {
        assertEquals(404, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        assertEquals("not_found", answer.asObject().getString("error"));
    }
}
