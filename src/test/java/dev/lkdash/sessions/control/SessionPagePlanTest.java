package dev.lkdash.sessions.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.store.control.Database;
import dev.lkdash.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A page of the sessions list is read from the start-time index, newest first, from the cursor's
 * position, and stops at the page's end: its cost does not grow with the history (a plan that
 * sorts every session would, as it did while the limit was only the driver's maximum row count).
 */
class SessionPagePlanTest {

    @Test
    void h2ReadsThePageFromTheIndex() {
        try (TestDatabase db = TestDatabase.h2()) {
            String plan = plan(db.database);
            assertTrue(plan.contains("ROOM_SESSION_STARTED: STARTED_AT <= ?1") && plan.contains("/* index sorted */"),
                    plan);
        }
    }

    @Test
    void postgresReadsThePageFromTheIndex() {
        try (TestDatabase db = TestDatabase.postgres()) {
            String plan = plan(db.database);
            assertTrue(plan.startsWith("Limit") && plan.contains("Scan Backward using room_session_started")
                    && plan.contains("Index Cond")
                    && !plan.contains("Sort"), plan);
        }
    }

    private static String plan(Database database) {
        return database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO room_session (sid, room_name, started_at, live, last_event_at, "
                        + "peak_participants, total_participants, metadata) SELECT 'RM_' || x, 'room', x * 1000, FALSE, "
                        + "x * 1000, 0, 0, '' FROM " + (connection.getMetaData().getDatabaseProductName().equals("H2")
                        ? "SYSTEM_RANGE(1, 5000)" : "generate_series(1, 5000) AS x"));
                statement.execute(connection.getMetaData().getDatabaseProductName().equals("H2")
                        ? "ANALYZE" : "ANALYZE room_session");
            }
            StringBuilder plan = new StringBuilder();
            SessionStore.PageQuery page = SessionStore.pageQuery(null, null, null, 4_000_000L, "RM_4000", 51);
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + page.sql())) {
                for (int i = 0; i < page.parameters().size(); i++) {
                    explain.setObject(i + 1, page.parameters().get(i));
                }
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
            connection.rollback();
            return plan.toString();
        });
    }
}
