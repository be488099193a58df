package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.store.control.Database;
import dev.lkdash.store.control.ReadModelVersion;
import dev.lkdash.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A database of a previous version opened by this one. From schema 1 (events only) the schema is
 * migrated and the stored events enter the read model once, giving the state the projection of
 * those events gives. From a read model of an older derivation the state is ready at once and the
 * sessions are upgraded in the background, while webhooks are recorded.
 */
class ReadModelMigrationTest {

    /** Schema version 1 as the previous release created it. */
    private static void createVersionOne(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "applied_at BIGINT NOT NULL)");
            statement.execute("""
                    CREATE TABLE webhook_event (
                        event_id VARCHAR(255) NOT NULL PRIMARY KEY,
                        name VARCHAR(255) NOT NULL,
                        room_sid VARCHAR(255),
                        room_name VARCHAR(1024),
                        created_at BIGINT NOT NULL,
                        received_at BIGINT NOT NULL,
                        body VARCHAR NOT NULL)""");
            statement.execute("CREATE INDEX webhook_event_created_at ON webhook_event (created_at)");
            statement.execute("CREATE INDEX webhook_event_room_sid ON webhook_event (room_sid)");
            statement.execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 0)");
        }
    }

    /** Stores the events as the previous release did. */
    private static void store(Connection connection, List<ProjectedEvent> events) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_event (event_id, name, "
                + "room_sid, room_name, created_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (ProjectedEvent event : events) {
                Attachment room = Attachment.of(event, EventType.of(event.name()));
                insert.setString(1, event.eventId());
                insert.setString(2, event.name());
                insert.setString(3, room.hasSid() ? room.sid() : null);
                insert.setString(4, room.hasName() ? room.name() : null);
                insert.setLong(5, event.createdAtMillis());
                insert.setLong(6, event.receivedAt().toEpochMilli());
                insert.setString(7, new String(StoredProjection.body(event), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Test
    void theEventsOfAnOlderDatabaseEnterTheReadModelOnce() throws Exception {
        int sessions = 0;
        for (long seed = 0; seed < 10; seed++) {
            List<ProjectedEvent> events = new ArrayList<>(Events.fixtureSession());
            events.addAll(Generator.generate(seed).events);
            String url = "jdbc:h2:mem:previous-version-" + seed + ";DB_CLOSE_DELAY=-1";
            try (Connection previous = DriverManager.getConnection(url)) {
                createVersionOne(previous);
                store(previous, events);
                Database database = Database.open(url, null, null, 2);
                try {
                    RoomState state = new RoomState(database, FixtureSessionTest.CLOCK);
                    ProjectionSnapshot expected = RoomProjection.rebuild(events, FixtureSessionTest.CLOCK).snapshot();
                    Snapshots.assertSame(expected, StoredProjection.snapshot(state, database, FixtureSessionTest.CLOCK),
                            "seed " + seed);
                    assertEquals(events.size(), StoredProjection.eventCount(database));
                    sessions += expected.sessions().size();
                } finally {
                    database.close();
                }
            }
        }
        assertTrue(sessions > 50, "a history to migrate: " + sessions + " sessions");
    }

    @Test
    void anOlderDerivationIsUpgradedInTheBackgroundWhileWebhooksAreRecorded() throws Exception {
        int upgraded = 0;
        try (TestDatabase db = TestDatabase.h2()) {
            for (long seed = 0; seed < 10; seed++) {
                List<ProjectedEvent> events = new ArrayList<>(Events.fixtureSession());
                events.addAll(Generator.generate(seed).events);
                int before = events.size() * 3 / 4;
                StoredProjection stored = new StoredProjection(db, FixtureSessionTest.CLOCK);
                events.subList(0, before).forEach(stored::apply);
                ProjectionSnapshot current = stored.snapshot();
                // what the previous derivation left: no session says what ended it
                db.database.transaction(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("UPDATE room_session SET ended_by = NULL");
                    }
                    ReadModelVersion.set(connection, ReadModel.VERSION - 1);
                    return null;
                });

                Deque<Runnable> background = new ArrayDeque<>();
                RoomState state = new RoomState(db.database, FixtureSessionTest.CLOCK, background::add);
                assertEquals(1, background.size(), "the upgrade waits for the background, seed " + seed);
                assertEquals(current.activeRooms(), StoredProjection.snapshot(state, db.database,
                        FixtureSessionTest.CLOCK).activeRooms(), "the live rooms are there at once, seed " + seed);
                assertTrue(state.readModelUpgrade().isPresent());
                ProjectionSnapshot older = StoredProjection.snapshot(state, db.database, FixtureSessionTest.CLOCK);
                long endedUnsaid = older.sessions().stream()
                        .filter(session -> session.endedAt() != null && session.endedBy() == null)
                        .count();
                if (endedUnsaid > 0) {
                    upgraded++;
                }

                StoredProjection after = new StoredProjection(db, FixtureSessionTest.CLOCK, state);
                events.subList(before, events.size()).forEach(after::apply);
                background.pop().run();

                assertEquals(ReadModel.VERSION, (int) db.database.read(ReadModelVersion::get));
                assertTrue(state.readModelUpgrade().isEmpty());
                ProjectionSnapshot expected = RoomProjection.rebuild(events, FixtureSessionTest.CLOCK).snapshot();
                Snapshots.assertSame(expected, after.snapshot(), "seed " + seed);
            }
        }
        assertNotEquals(0, upgraded, "some ended sessions lost what ended them before the upgrade");
    }
}
