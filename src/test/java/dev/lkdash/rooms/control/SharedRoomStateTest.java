package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lkdash.events.entity.RoomChangedElsewhere;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances' room states over one PostgreSQL schema, as with {@code dashboard.bus=redis}:
 * a room session's events alternate between them, and each takes the other's changes as the
 * stream's reader tells it. Both show the same live rooms after every event, and end with the
 * state one instance alone derives from the same events.
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
                if (update != null && update.roomSid() != null) {
                    other.onChangedElsewhere(new RoomChangedElsewhere(update.roomSid()));
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

    private static RoomState instance(TestDatabase db) {
        RoomState state = new RoomState(db.database, FixtureSessionTest.CLOCK);
        state.bus = "redis";
        return state;
    }
}
