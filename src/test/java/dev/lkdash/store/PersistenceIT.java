package dev.lkdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Events;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.PayaraProcess;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.TestDatabase;
import dev.lkdash.testing.WebhookSender;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State and history survive a restart of Payara Micro, on the embedded H2 default and on
 * PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth; each run
 * uses a schema of its own and drops it). Arquillian cannot restart its container, so this test
 * starts the packaged WAR on Payara Micro itself, configured through the environment. It also
 * prints the webhook ack time with persistence on (p50/p99 over 1,000 sequential webhooks): a
 * measurement for the record, not an assertion.
 */
class PersistenceIT {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int TIMED_WEBHOOKS = 1000;
    /** The fixture session up to its 12th event: the room is live, with participants, tracks and a recording. */
    private static final int LIVE_PART = 12;

    @Test
    void h2() throws Exception {
        Map<String, String> env = keys();
        env.put("DASHBOARD_DATA_DIR", DashboardDeployment.freshDataDir("persistence-h2"));
        survivesARestart("h2", env);
    }

    @Test
    void postgresql() throws Exception {
        TestDatabase.requirePostgres();
        String schema = "lkdash_it_" + Long.toString(System.nanoTime(), 36);
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        try {
            Map<String, String> env = keys();
            env.put("DASHBOARD_DATA_DIR", DashboardDeployment.freshDataDir("persistence-pg"));
            env.put("DASHBOARD_DB_URL", POSTGRES + "?currentSchema=" + schema);
            env.put("DASHBOARD_DB_USER", "postgres");
            survivesARestart("postgresql", env);
            try (Connection connection = DriverManager.getConnection(POSTGRES + "?currentSchema=" + schema, "postgres", "");
                 Statement statement = connection.createStatement();
                 var count = statement.executeQuery("SELECT COUNT(*) FROM webhook_event")) {
                count.next();
                assertTrue(count.getLong(1) >= LIVE_PART + 2 + TIMED_WEBHOOKS, "the events are in PostgreSQL");
            }
        } finally {
            dropSchema(schema);
        }
    }

    private void survivesARestart(String name, Map<String, String> env) throws Exception {
        List<byte[]> fixture = Fixtures.session();
        JsonArray rooms;
        JsonObject finished;
        JsonObject live;
        try (PayaraProcess first = PayaraProcess.start(env, PayaraProcess.logFile("persistence-" + name + "-1"))) {
            WebhookSender livekit = sender(first);
            for (byte[] body : fixture.subList(0, LIVE_PART)) {
                assertEquals(200, livekit.send(body).status());
            }
            assertEquals(200, livekit.send(Events.roomStarted("EV_pastStart", "RM_past", "past", 1_700_000_000L)).status());
            assertEquals(200, livekit.send(Events.roomFinished("EV_pastEnd", "RM_past", "past", 1_700_000_000L,
                    1_700_000_600L)).status());
            ReadApi api = new ReadApi(first.base());
            rooms = api.array("/api/rooms");
            finished = api.object("/api/sessions/RM_past");
            live = api.object("/api/rooms/daily-standup");
            assertEquals(1, rooms.size());
        }

        try (PayaraProcess second = PayaraProcess.start(env, PayaraProcess.logFile("persistence-" + name + "-2"))) {
            ReadApi api = new ReadApi(second.base());
            assertEquals(rooms, api.array("/api/rooms"), "the live room, its derived counts included");
            assertEquals(live, api.object("/api/rooms/daily-standup"), "participants and tracks");
            assertEquals(finished, api.object("/api/sessions/RM_past"), "the history");
            assertEquals(List.of("RM_standup0001", "RM_past"), api.object("/api/sessions").getJsonArray("items")
                    .getValuesAs(JsonObject.class).stream().map(s -> s.getString("sid")).toList());

            WebhookSender livekit = sender(second);
            assertEquals("duplicate", livekit.send(fixture.get(0)).json().getString("status"),
                    "a LiveKit retry of an event recorded before the restart");
            for (byte[] body : fixture.subList(LIVE_PART, fixture.size())) {
                assertEquals(200, livekit.send(body).status());
            }
            assertEquals(0, api.array("/api/rooms").size());
            assertEquals(605, api.object("/api/sessions/RM_standup0001").getInt("durationSeconds"));

            printAckTimes(name, livekit);
        }
    }

    /** Joins and leaves of 500 participants in one room, one webhook at a time, as LiveKit sends them. */
    private static void printAckTimes(String name, WebhookSender livekit) {
        long start = System.currentTimeMillis() / 1000;
        assertEquals(200, livekit.send(Events.roomStarted("EV_benchStart", "RM_bench", "bench", start)).status());
        List<Long> micros = new ArrayList<>(TIMED_WEBHOOKS);
        for (int i = 0; i < TIMED_WEBHOOKS; i++) {
            int participant = i / 2;
            byte[] body = i % 2 == 0
                    ? Events.participantJoined("EV_benchJoin" + participant, "RM_bench", "bench", start,
                            "PA_bench" + participant, "user" + participant, start)
                    : Events.participantLeft("EV_benchLeft" + participant, "RM_bench", "bench", start,
                            "PA_bench" + participant, "user" + participant, start + 1);
            long began = System.nanoTime();
            int status = livekit.send(body).status();
            micros.add((System.nanoTime() - began) / 1000);
            assertEquals(200, status);
        }
        Collections.sort(micros);
        System.out.printf(Locale.ROOT, "ACK TIME %s: %d sequential webhooks, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                name, TIMED_WEBHOOKS, micros.get(TIMED_WEBHOOKS / 2) / 1000.0,
                micros.get(TIMED_WEBHOOKS * 99 / 100) / 1000.0, micros.get(TIMED_WEBHOOKS - 1) / 1000.0);
    }

    private static WebhookSender sender(PayaraProcess server) throws Exception {
        return new WebhookSender(new URL(server.base().toString()), LiveKitSigner.TEST);
    }

    private static Map<String, String> keys() {
        Map<String, String> env = new HashMap<>();
        env.put("LIVEKIT_API_KEY", LiveKitSigner.TEST.apiKey());
        env.put("LIVEKIT_API_SECRET", LiveKitSigner.TEST.apiSecret());
        return env;
    }

    private static void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
