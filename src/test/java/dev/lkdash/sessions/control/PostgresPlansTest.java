package dev.lkdash.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, a read-model statement that ran many times while its table was nearly empty
 * still uses its index once the table has grown: no plan chosen for the empty table is kept. The
 * table's autovacuum is off, as on a server where it is off altogether (then nothing else would
 * ever drop such a plan).
 */
class PostgresPlansTest {

    private static final String SESSION = "RM_small";
    private static final List<String> EVENTS = List.of("EV_small1", "EV_small2");

    @Test
    void aStatementRunWhileItsTableWasSmallUsesTheIndexOnceItGrew() {
        TestDatabase.requirePostgres();
        try (TestDatabase test = TestDatabase.postgres()) {
            test.database.transaction(connection -> {
                execute(connection, "ALTER TABLE session_event SET (autovacuum_enabled = false)");
                execute(connection, "INSERT INTO session_event (session_sid, event_id, created_at, event_rank, name, detail) "
                        + "SELECT '" + SESSION + "', 'EV_small' || i, i, 0, 'participant_joined', '{}' FROM generate_series(1, 3) i");
                return null;
            });
            // the driver prepares a statement on the server from its fifth run; PostgreSQL may
            // then settle on one plan for it
            for (int run = 0; run < 12; run++) {
                assertEquals(2, test.database.transaction(connection -> SessionStore.owners(connection, EVENTS)).size());
            }
            test.database.transaction(connection -> {
                execute(connection, "INSERT INTO session_event (session_sid, event_id, created_at, event_rank, name, detail) "
                        + "SELECT 'RM_other' || (i / 12), 'EV_other' || i, i, 0, 'participant_joined', '{}' "
                        + "FROM generate_series(1, 60000) i");
                return null;
            });
            long sequentialScans = test.database.transaction(connection -> {
                long before = sequentialScansOfTimelines(connection);
                for (int run = 0; run < 3; run++) {
                    assertEquals(2, SessionStore.owners(connection, EVENTS).size());
                }
                return sequentialScansOfTimelines(connection) - before;
            });
            assertEquals(0, sequentialScans, "finding the sessions of two events scanned the whole table");
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Sequential scans of the timelines table by this connection not yet in the shared statistics. */
    private static long sequentialScansOfTimelines(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT seq_scan FROM pg_stat_xact_user_tables "
                     + "WHERE relname = 'session_event' AND schemaname = current_schema()")) {
            row.next();
            return row.getLong(1);
        }
    }
}
