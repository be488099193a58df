package dev.lkdash.store.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A read of several statements sees one state of the database, even when a change commits between
 * its statements (as the session detail reads a session's tables one after another); changes
 * still see each other's commits.
 */
class DatabaseReadTest {

    @Test
    void aReadSeesOneSnapshotOnH2() {
        try (TestDatabase db = TestDatabase.h2()) {
            check(db.database);
        }
    }

    @Test
    void aReadSeesOneSnapshotOnPostgres() {
        try (TestDatabase db = TestDatabase.postgres()) {
            check(db.database);
        }
    }

    private static void check(Database database) {
        insert(database, "RM_before");
        List<Long> counts = database.read(connection -> {
            long first = sessions(connection);
            insert(database, "RM_meanwhile"); // another connection, committed
            return List.of(first, sessions(connection));
        });
        assertEquals(List.of(1L, 1L), counts, "the second statement of the read sees what the first saw");
        long afterwards = database.read(DatabaseReadTest::sessions);
        assertEquals(2, afterwards, "the next read sees the commit");
        long inChange = database.transaction(connection -> {
            long first = sessions(connection);
            insert(database, "RM_third");
            return sessions(connection) - first;
        });
        assertEquals(1, inChange, "a change sees what committed before each of its statements");
    }

    private static void insert(Database database, String sid) {
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO room_session (sid, room_name, started_at, live, last_event_at, "
                        + "peak_participants, total_participants, metadata) VALUES ('" + sid + "', 'r', 0, TRUE, 0, 0, 0, '')");
            }
            return null;
        });
    }

    private static long sessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM room_session")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
