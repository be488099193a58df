package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.store.control.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A database of the previous version (schema 1: events only) opened by this one: the schema is
 * migrated and the stored events enter the read model once, giving the state the projection of
 * those events gives.
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
}
