package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.events.entity.RoomChangedElsewhere;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances' room states over one PostgreSQL schema, as with {@code dashboard.bus=redis}:
 * a room session's events alternate between them, and each takes the other's changes as the
 * stream's reader hands them over. Both show the same live rooms after every event, and end with
 * the state one instance alone derives from the same events; changes taken late or out of order
 * never replace a newer state.
 */
class SharedRoomStateTest {

    @Test
    void twoInstancesTakingTurnsShowOneState() {
        List<ProjectedEvent> session = Events.fixtureSession();
        try (TestDatabase shared = TestDatabase.postgres(); TestDatabase alone = TestDatabase.h2()) {
            RoomState first = instance(shared);
            RoomState second = instance(shared);
            StoredProjection reference = new StoredProjection(alone, FixtureSessionTest.CLOCK);
            for (int i = 0; i < session.size(); i++) {
                RoomState recording = i % 2 == 0 ? first : second;
                RoomState other = recording == first ? second : first;
                ProjectionUpdate update = new StoredProjection(shared, FixtureSessionTest.CLOCK, recording).apply(session.get(i));
                reference.apply(session.get(i));
                if (update != null && update.sharedChange() != null) {
                    other.onChangedElsewhere(new RoomChangedElsewhere(update.sharedChange()));
                }
                assertEquals(recording.activeRooms(), other.activeRooms(), "after event " + i);
                assertEquals(reference.state().activeRooms(), first.activeRooms(), "after event " + i);
                if (i == session.size() / 2) {
                    assertFalse(first.activeRooms().isEmpty(), "the room is live halfway");
                }
            }
            ProjectionSnapshot expected = reference.snapshot();
            assertEquals(expected, StoredProjection.snapshot(first, shared.database, FixtureSessionTest.CLOCK));
            assertEquals(expected, StoredProjection.snapshot(second, shared.database, FixtureSessionTest.CLOCK));
        }
    }

    @Test
    void messagesArrivingInAnyOrderLeaveTheNewestStateOfEachRoom() {
        List<ProjectedEvent> session = Events.fixtureSession();
        try (TestDatabase shared = TestDatabase.postgres()) {
            RoomState recording = instance(shared);
            RoomState other = instance(shared);
            List<String> changes = new ArrayList<>();
            for (ProjectedEvent event : session.subList(0, session.size() / 2)) {
                ProjectionUpdate update = new StoredProjection(shared, FixtureSessionTest.CLOCK, recording).apply(event);
                if (update != null && update.sharedChange() != null) {
                    changes.add(update.sharedChange());
                }
            }
            assertTrue(changes.size() > 3, "the first half of the session changed the room several times");
            String room = recording.activeRooms().get(0).name();
            for (int i = changes.size() - 1; i >= 0; i--) {
                other.onChangedElsewhere(new RoomChangedElsewhere(changes.get(i)));
                assertEquals(recording.activeRooms(), other.activeRooms(), "after the change " + i + ", taken late");
                assertEquals(recording.activeRoom(room), other.activeRoom(room), "after the change " + i + ", taken late");
            }
        }
    }

    @Test
    void anInstanceStartedAfterAChangeIgnoresItsMessage() {
        List<ProjectedEvent> session = Events.fixtureSession();
        try (TestDatabase shared = TestDatabase.postgres()) {
            RoomState recording = instance(shared);
            StoredProjection writer = new StoredProjection(shared, FixtureSessionTest.CLOCK, recording);
            String whileLive = null;
            for (ProjectedEvent event : session) {
                ProjectionUpdate update = writer.apply(event);
                if (update != null && update.roomActive() && whileLive == null) {
                    whileLive = update.sharedChange();
                }
            }
            assertNotNull(whileLive, "the session was live once");
            assertTrue(recording.activeRooms().isEmpty(), "the session is over");
            RoomState started = instance(shared);
            started.load(); // as the container starts it: with the shared bus
            started.onChangedElsewhere(new RoomChangedElsewhere(whileLive));
            assertTrue(started.activeRooms().isEmpty(), "a message older than the start does not bring the room back");
        }
    }

    private static RoomState instance(TestDatabase db) {
        RoomState state = new RoomState(db.database, FixtureSessionTest.CLOCK);
        state.bus = "redis";
        return state;
    }
}
