package dev.lkdash.webhooks.control;

import dev.lkdash.guard.control.Refusals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.LiveKitKeys;
import dev.lkdash.reconciliation.control.Reconciliation;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.sessions.control.SessionStore;
import dev.lkdash.store.control.EventStore;
import dev.lkdash.testing.Events;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.TestDatabase;
import dev.lkdash.webhooks.entity.WebhookDelivery;
import dev.lkdash.webhooks.entity.WebhookHealthReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The answers to webhooks when recording goes wrong or copies overlap, on a real room state (H2):
 * 200 only for what is committed, journaled when new, never {@code duplicate} for what is not.
 */
class WebhookAnswersTest {

    private static final byte[] STARTED = Events.roomStarted("EV_start", "RM_answers", "answers", 1_767_000_000L);

    private final AtomicInteger roundsAsked = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private TestDatabase db;
    private MessageJournal journal;
    private RoomState rooms;
    private WebhookIntake intake;

    /** The outcome of one delivery: the status and, for 200, the receipt's status. */
    private record Answer(int status, String receipt) {
    }

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        journal = new MessageJournal(100);
        rooms = new RoomState(db.database, Clock.systemUTC());
        intake = intake(rooms, journal);
    }

    /** The intake with a test's room state and journal, counting what LiveKit says it dropped. */
    private WebhookIntake intake(RoomState state, MessageJournal messages) {
        WebhookIntake built = bare(state, messages);
        built.health = WebhookHealthTest.health(db.database, state, messages);
        built.metrics = new WebhookMetrics() {
            @Override
            public void received(String event, String outcome, long elapsedNanos) {
                // counted by the container's registry, absent here
            }

            @Override
            public void livekitDropped(long count) {
                dropped.addAndGet(count);
            }
        };
        built.reconciliation = new Reconciliation() {
            @Override
            public void runSoon() {
                roundsAsked.incrementAndGet();
            }
        };
        return built;
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static WebhookIntake bare(RoomState rooms, MessageJournal journal) {
        WebhookIntake intake = new WebhookIntake();
        intake.keys = new LiveKitKeys() {
            @Override
            public boolean isConfigured() {
                return true;
            }

            @Override
            public String key() {
                return LiveKitSigner.TEST.apiKey();
            }

            @Override
            public String secret() {
                return LiveKitSigner.TEST.apiSecret();
            }
        };
        intake.maxBodyBytes = 1 << 20;
        intake.dedupeMinutes = 10;
        intake.dedupeMaxIds = 1000;
        intake.journal = journal;
        intake.rooms = rooms;
        intake.refusals = new Refusals() {
            @Override
            public void logOnly(String reason, String detail) {
                // counted by the intake's metrics; the log is not under test
            }
        };
        intake.configure();
        return intake;
    }

    private Answer send(byte[] body) {
        try {
            return new Answer(200, intake.accept(new WebhookDelivery("127.0.0.1", "application/webhook+json",
                    body.length, LiveKitSigner.TEST.sign(body), new ByteArrayInputStream(body))).status());
        } catch (ApiException refused) {
            return new Answer(refused.getResponse().getStatus(), refused.code());
        }
    }

    private void sql(String statement) {
        db.database.transaction(connection -> {
            try (Statement s = connection.createStatement()) {
                s.execute(statement);
            }
            return null;
        });
    }

    @Test
    void theStartsRehearsalTakesEveryStepAndKeepsNothing() {
        intake.rehearse();
        assertEquals(0, journal.head(), "nothing journaled");
        assertTrue(rooms.activeRooms().isEmpty(), "no live room");
        assertEquals(0L, (long) db.database.read(EventStore::count), "no event stored");
        assertEquals(0L, (long) db.database.read(SessionStore::count), "no session derived");
        WebhookHealthReport health = intake.health.report();
        assertTrue(health.byEvent().isEmpty() && health.lastReceivedAt() == null, "nothing counted as received");
        assertEquals(new Answer(200, "ok"), send(STARTED), "a real webhook after it is recorded as usual");
        assertEquals(1, rooms.activeRooms().size());

        sql("ALTER TABLE stats_minute RENAME TO stats_minute_away");
        assertThrows(RuntimeException.class, intake::rehearse, "it stores and derives, as a real webhook does");
        sql("ALTER TABLE stats_minute_away RENAME TO stats_minute");
        intake.rehearse();
        assertEquals(1, rooms.activeRooms().size(), "the live rooms are the real ones");
        assertEquals(1L, (long) db.database.read(EventStore::count));
    }

    @Test
    void anEventWhoseDerivationFailsIsNotStoredAndItsRetryIsNew() {
        sql("ALTER TABLE stats_minute RENAME TO stats_minute_away");
        assertEquals(new Answer(503, "unavailable"), send(STARTED));
        assertFalse(rooms.contains("EV_start"), "stored only together with what it changes");
        assertEquals(0, journal.head());

        sql("ALTER TABLE stats_minute_away RENAME TO stats_minute");
        assertEquals(new Answer(200, "ok"), send(STARTED), "the retry is recorded, not taken for a duplicate");
        assertEquals(1, journal.head(), "and journaled for the stream");
        assertEquals(new Answer(200, "duplicate"), send(STARTED));
    }

    @Test
    void aRetryWhileTheFirstCopyIsInFlightIsAnsweredOnlyAfterItCommitted() throws Exception {
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean committed = new AtomicBoolean();
        intake = intake(new RoomState(db.database, Clock.systemUTC()) {
            @Override
            public ProjectionUpdate record(LiveKitEvent accepted, byte[] body, long acceptedAt) {
                recording.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                ProjectionUpdate update = super.record(accepted, body, acceptedAt);
                committed.set(true);
                return update;
            }
        }, journal);
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> send(STARTED));
        assertTrue(recording.await(5, TimeUnit.SECONDS));
        CompletableFuture<Answer> retry = CompletableFuture.supplyAsync(() -> {
            Answer answer = send(STARTED);
            assertTrue(committed.get(), "answered only once the first copy committed");
            return answer;
        });
        Thread.sleep(300);
        assertFalse(retry.isDone(), "the retry waits for the copy in flight");
        release.countDown();
        assertEquals(new Answer(200, "ok"), first.get(5, TimeUnit.SECONDS));
        assertEquals(new Answer(200, "duplicate"), retry.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRetryWhileTheFirstCopyFailsIsRecordedItself() throws Exception {
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean failFirst = new AtomicBoolean(true);
        intake = intake(new RoomState(db.database, Clock.systemUTC()) {
            @Override
            public ProjectionUpdate record(LiveKitEvent accepted, byte[] body, long acceptedAt) {
                if (failFirst.getAndSet(false)) {
                    recording.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the database went away");
                }
                return super.record(accepted, body, acceptedAt);
            }
        }, journal);
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> send(STARTED));
        assertTrue(recording.await(5, TimeUnit.SECONDS));
        CompletableFuture<Answer> retry = CompletableFuture.supplyAsync(() -> send(STARTED));
        Thread.sleep(300);
        release.countDown();
        assertEquals(new Answer(503, "unavailable"), first.get(5, TimeUnit.SECONDS));
        assertEquals(new Answer(200, "ok"), retry.get(5, TimeUnit.SECONDS));
        assertEquals(1, journal.head());
    }

    @Test
    void anEventStoredWhileTheJournalRefusedIsJournaledByItsRetry() {
        AtomicBoolean refuse = new AtomicBoolean(true);
        MessageJournal refusing = new MessageJournal(100) {
            @Override
            public String publish(String event, long timestamp, String jsonWithoutId, String roomSid) {
                if (refuse.getAndSet(false)) {
                    throw new IllegalStateException("the journal is closed");
                }
                return super.publish(event, timestamp, jsonWithoutId, roomSid);
            }
        };
        intake = intake(rooms, refusing);
        assertEquals(new Answer(503, "unavailable"), send(STARTED));
        assertTrue(rooms.contains("EV_start"), "stored, with the read model");
        assertEquals(new Answer(200, "ok"), send(STARTED), "not a duplicate: it was never journaled");
        DashboardMessage message = refusing.at(refusing.head());
        assertNotNull(message);
        assertTrue(message.json().contains("\"webhookId\":\"EV_start\""), message.json());
        assertEquals(new Answer(200, "duplicate"), send(STARTED));
    }

    @Test
    void anEventSayingLiveKitDroppedWebhooksAsksForAReconciliationRound() {
        byte[] body = ("{\"event\":\"room_started\",\"id\":\"EV_afterDrops\",\"createdAt\":\"1767000000\","
                + "\"numDropped\":3,\"room\":{\"sid\":\"RM_drops\",\"name\":\"drops\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(new Answer(200, "ok"), send(body));
        assertEquals(1, roundsAsked.get());
        assertEquals(3, dropped.get());
        assertEquals(new Answer(200, "duplicate"), send(body));
        assertEquals(1, roundsAsked.get(), "a retry reports nothing new");
        assertEquals(new Answer(200, "ok"), send(STARTED));
        assertEquals(1, roundsAsked.get(), "nothing dropped, nothing asked");
    }

    @Test
    void anEventStoredAndJournaledIsADuplicateDuringShutdown() {
        assertEquals(new Answer(200, "ok"), send(STARTED));
        journal.close();
        db.database.close();
        assertEquals(new Answer(200, "duplicate"), send(STARTED), "LiveKit's retry is answered, not refused");
    }
}
