package dev.lkdash.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.store.control.Database;
import dev.lkdash.testing.Events;
import dev.lkdash.testing.TestDatabase;
import dev.lkdash.webhooks.entity.WebhookHealthReport;
import dev.lkdash.webhooks.entity.WebhookHealthReport.EventTally;
import dev.lkdash.webhooks.entity.WebhookHealthReport.Refusal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookHealthTest {

    private static final long DAY = 86_400_000L;

    private TestDatabase db;
    private RoomState rooms;
    private MessageJournal journal;

    /** A health as the container builds it: 30 days kept, a warning after 15 quiet minutes. */
    static WebhookHealth health(Database database, RoomState rooms, MessageJournal journal) {
        WebhookHealth health = new WebhookHealth();
        health.database = database;
        health.rooms = rooms;
        health.journal = journal;
        health.retentionDays = 30;
        health.silenceMinutes = 15;
        health.start();
        return health;
    }

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        rooms = new RoomState(db.database, Clock.systemUTC());
        journal = new MessageJournal(100);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void deliveriesAreCountedBeforeAndAfterTheyAreStoredAndSurviveARestart() {
        WebhookHealth health = health(db.database, rooms, journal);
        long now = System.currentTimeMillis();
        health.accepted("room_started", 0, now - 2_000);
        health.accepted("room_started", 3, now - 1_000);
        health.accepted("participant_joined", 0, now);
        health.duplicate(now);
        health.refused("invalid_signature", "10.0.0.7", now);
        health.refused("bad_parameter", "10.0.0.7", now); // not a webhook refusal reason
        WebhookHealthReport counted = health.report();
        assertCounts(counted, now);
        assertEquals(0, journal.head(), "nothing told before it is stored");

        health.flush();
        assertEquals(1, journal.head(), "one system message once stored");
        assertTrue(journal.at(1).json().contains("\"action\":\"webhook_health\""), journal.at(1).json());
        health.flush();
        assertEquals(1, journal.head(), "nothing new: nothing told");
        health.accepted("room_finished", 0, now);
        health.flush();
        assertEquals(1, journal.head(), "an accepted event's own message tells it");
        health.accepted("room_finished", 0, now);
        WebhookHealth restarted = health(db.database, rooms, journal);
        assertCounts(restarted.report(), now);
    }

    private static void assertCounts(WebhookHealthReport report, long now) {
        assertEquals(new EventTally(2, now - 1_000), report.byEvent().get("room_started"));
        assertEquals(new EventTally(1, now), report.byEvent().get("participant_joined"));
        assertEquals(Map.of("invalid_signature", 1L, "malformed_payload", 0L, "payload_too_large", 0L,
                "unsupported_media_type", 0L, "rate_limited", 0L, "not_configured", 0L), report.refused());
        assertEquals(List.of(new Refusal(now, "invalid_signature", "10.0.0.7")), report.recentRefusals());
        assertEquals(1, report.duplicates());
        assertEquals(3, report.numDropped());
        assertEquals(now, report.lastReceivedAt());
    }

    @Test
    void theLatestRefusalsAreListedNewestFirst() {
        WebhookHealth health = health(db.database, rooms, journal);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 30; i++) {
            health.refused("malformed_payload", "10.0.0." + i, now - 30_000 + i * 1_000);
            if (i == 14) {
                health.flush();
            }
        }
        List<Refusal> listed = health.report().recentRefusals();
        assertEquals(WebhookHealth.LISTED, listed.size());
        assertEquals("10.0.0.29", listed.get(0).address());
        assertEquals("10.0.0.10", listed.get(WebhookHealth.LISTED - 1).address(), "across stored and not yet stored");
        health.flush();
        assertEquals(listed, health.report().recentRefusals());
        assertEquals(30L, health.report().refused().get("malformed_payload"));
    }

    @Test
    void whatTheRetentionNoLongerCoversIsNotCountedAndIsDeleted() {
        WebhookHealth health = health(db.database, rooms, journal);
        long now = System.currentTimeMillis();
        health.accepted("room_started", 0, now - 40 * DAY);
        health.refused("rate_limited", "10.0.0.1", now - 40 * DAY);
        health.accepted("room_finished", 0, now);
        health.flush();
        assertEquals(Map.of("room_finished", new EventTally(1, now)), health.report().byEvent());
        assertEquals(0L, health.report().refused().get("rate_limited"));
        health.prune(now);
        long rows = db.database.read(connection -> {
            try (var count = connection.createStatement().executeQuery(
                    "SELECT (SELECT COUNT(*) FROM webhook_tally) + (SELECT COUNT(*) FROM webhook_refusal)")) {
                count.next();
                return count.getLong(1);
            }
        });
        assertEquals(1, rows, "the old hour and the old refusal are gone");
    }

    @Test
    void liveRoomsWithoutWebhooksForTheSilenceTimeRaiseTheWarning() throws InterruptedException {
        WebhookHealth health = health(db.database, rooms, journal);
        assertFalse(health.report().silent(), "no live room: nothing to miss");
        assertNull(health.report().lastReceivedAt());
        byte[] started = Events.roomStarted("EV_quiet", "RM_quiet", "quiet", System.currentTimeMillis() / 1000);
        rooms.record(WebhookParser.parse(started, WebhookVerifier.sha256(started)), started, System.currentTimeMillis());
        health.accepted("room_started", 0, System.currentTimeMillis());
        assertEquals(1, health.report().liveRooms());
        assertFalse(health.report().silent(), "a webhook just arrived");
        health.silenceMinutes = 0;
        Thread.sleep(5);
        assertTrue(health.report().silent(), "live rooms, and nothing since the silence time");
    }
}
