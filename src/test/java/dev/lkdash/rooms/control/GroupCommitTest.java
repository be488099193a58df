package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.store.control.EventStore;
import dev.lkdash.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks recorded while another one is being committed wait and are then committed together, in
 * one transaction; one that cannot be stored fails alone. A trigger on the event table (H2) holds
 * the first insert and sees which thread stores each event.
 */
class GroupCommitTest {

    private static final String FIRST = "EV_first";
    private static final String UNSTORABLE = "EV_unstorable";
    private static final long T0 = 1_767_225_600L;

    /** Holds the insert of {@link #FIRST} until released, refuses {@link #UNSTORABLE}, notes who inserts what. */
    public static final class InsertWatch implements Trigger {

        static volatile CountDownLatch release = new CountDownLatch(0);
        static final Map<String, Thread> insertedBy = new ConcurrentHashMap<>();

        @Override
        public void fire(Connection connection, Object[] before, Object[] after) throws SQLException {
            String eventId = (String) after[0];
            if (eventId.equals(UNSTORABLE)) {
                throw new SQLException("this event cannot be stored");
            }
            insertedBy.put(eventId, Thread.currentThread());
            if (eventId.equals(FIRST)) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private TestDatabase db;
    private RoomState state;
    private StoredProjection stored;
    private ExecutorService senders;

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        db.database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TRIGGER insert_watch BEFORE INSERT ON webhook_event FOR EACH ROW CALL \""
                        + InsertWatch.class.getName() + "\"");
            }
            return null;
        });
        InsertWatch.insertedBy.clear();
        InsertWatch.release = new CountDownLatch(1);
        stored = new StoredProjection(db, FixtureSessionTest.CLOCK);
        state = stored.state();
        senders = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        InsertWatch.release.countDown();
        senders.shutdownNow();
        db.close();
    }

    @Test
    void eventsWaitingForTheLockAreCommittedTogether() throws Exception {
        List<ProjectedEvent> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(roomStarted("EV_other" + i, "RM_other" + i));
        }
        Future<ProjectionUpdate> first = senders.submit(() -> stored.apply(roomStarted(FIRST, "RM_first")));
        awaitInsert(FIRST);
        List<Future<ProjectionUpdate>> waiting = sendWhileHeld(others);

        InsertWatch.release.countDown();
        assertNotNull(first.get(10, TimeUnit.SECONDS));
        for (Future<ProjectionUpdate> answer : waiting) {
            assertFalse(answer.get(10, TimeUnit.SECONDS).duplicate());
        }
        Thread committer = InsertWatch.insertedBy.get("EV_other0");
        for (ProjectedEvent other : others) {
            assertEquals(committer, InsertWatch.insertedBy.get(other.eventId()),
                    "the events that waited are stored by one thread, in one transaction");
        }
        assertEquals(9, state.activeRooms().size());
        List<ProjectedEvent> all = new ArrayList<>(others);
        all.add(roomStarted(FIRST, "RM_first"));
        Snapshots.assertSame(RoomProjection.rebuild(all, FixtureSessionTest.CLOCK).snapshot(), stored.snapshot(),
                "group committed");
    }

    @Test
    void anEventThatCannotBeStoredFailsAloneAndTheOthersOfItsGroupAreCommitted() throws Exception {
        List<ProjectedEvent> others = List.of(roomStarted("EV_a", "RM_a"), roomStarted(UNSTORABLE, "RM_bad"),
                roomStarted("EV_b", "RM_b"), joined("EV_c", "RM_a"));
        Future<ProjectionUpdate> first = senders.submit(() -> stored.apply(roomStarted(FIRST, "RM_first")));
        awaitInsert(FIRST);
        List<Future<ProjectionUpdate>> waiting = sendWhileHeld(others);

        InsertWatch.release.countDown();
        assertNotNull(first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < others.size(); i++) {
            if (others.get(i).eventId().equals(UNSTORABLE)) {
                Future<ProjectionUpdate> failed = waiting.get(i);
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> failed.get(10, TimeUnit.SECONDS));
                assertTrue(refused.getCause() instanceof RuntimeException, String.valueOf(refused.getCause()));
            } else {
                assertNotNull(waiting.get(i).get(10, TimeUnit.SECONDS), others.get(i).eventId());
            }
        }
        boolean unstorableStored = db.database.read(connection -> EventStore.contains(connection, UNSTORABLE));
        assertFalse(unstorableStored);
        List<ProjectedEvent> storedEvents = new ArrayList<>(others);
        storedEvents.removeIf(event -> event.eventId().equals(UNSTORABLE));
        storedEvents.add(roomStarted(FIRST, "RM_first"));
        assertEquals(storedEvents.size(), stored.eventCount());
        Snapshots.assertSame(RoomProjection.rebuild(storedEvents, FixtureSessionTest.CLOCK).snapshot(),
                stored.snapshot(), "the group without the unstorable event");
        stored.restart();
        Snapshots.assertSame(RoomProjection.rebuild(storedEvents, FixtureSessionTest.CLOCK).snapshot(),
                stored.snapshot(), "after a restart");
    }

    /** Sends each event from its own thread while the first insert is held; returns once all wait for the lock. */
    private List<Future<ProjectionUpdate>> sendWhileHeld(List<ProjectedEvent> events) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Future<ProjectionUpdate>> answers = new ArrayList<>();
        for (ProjectedEvent event : events) {
            CountDownLatch started = new CountDownLatch(1);
            Thread[] sender = new Thread[1];
            answers.add(senders.submit(() -> {
                sender[0] = Thread.currentThread();
                started.countDown();
                return stored.apply(event);
            }));
            started.await();
            threads.add(sender[0]);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            assertTrue(System.nanoTime() < deadline, "the senders did not all wait for the change lock");
            Thread.sleep(5);
        }
        return answers;
    }

    private static void awaitInsert(String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!InsertWatch.insertedBy.containsKey(eventId)) {
            assertTrue(System.nanoTime() < deadline, eventId + " was never inserted");
            Thread.sleep(5);
        }
    }

    private static ProjectedEvent roomStarted(String id, String sid) {
        return Events.roomStarted(id, T0, Events.room(sid, "room-" + sid, T0));
    }

    private static ProjectedEvent joined(String id, String sid) {
        LivekitModels.Room room = Events.room(sid, "room-" + sid, T0);
        return Events.joined(id, T0 + 1, room,
                Events.participant("PA_" + id, "alice", LivekitModels.ParticipantInfo.Kind.STANDARD, T0 + 1));
    }
}
