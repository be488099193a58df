package dev.lkdash.testing;

import dev.lkdash.store.control.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A migrated event database for unit tests: an in-memory H2, or a schema of its own in the local
 * PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth), dropped
 * on close.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final List<String> TABLES = List.of("webhook_event", "room_session", "participant_session",
            "track_session", "egress_record", "ingress_record", "agent_job_record", "session_event", "stats_minute", "stats_total");

    public final Database database;
    private final String schema;
    private int clears;

    private TestDatabase(Database database, String schema) {
        this.database = database;
        this.schema = schema;
    }

    public static TestDatabase h2() {
        return new TestDatabase(Database.open("jdbc:h2:mem:test" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1"
                + Database.QUERY_CACHE,
                null, null, 2), null);
    }

    public static TestDatabase postgres() {
        String schema = "lkdash_unit_" + Long.toString(System.nanoTime(), 36);
        requirePostgres();
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException unavailable) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES + " is needed", unavailable);
        }
        // commits need not wait for the disk here: nothing is kept past the test
        return new TestDatabase(Database.open(POSTGRES + "?currentSchema=" + schema
                + "&options=-c%20synchronous_commit%3Doff", "postgres", null, 2), schema);
    }

    /**
     * Skips the calling test, with the reason, when no PostgreSQL answers at {@link #POSTGRES}
     * (user {@code postgres}): a machine without one still runs everything else. {@code .ci/run}
     * starts one and fails when it does not answer, so CI never skips these.
     */
    public static void requirePostgres() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            // it answers
        } catch (SQLException unavailable) {
            org.junit.jupiter.api.Assumptions.abort("skipped: no PostgreSQL answers at " + POSTGRES
                    + " (user postgres, trust auth; .ci/run starts one): " + unavailable.getMessage());
        }
    }

    /**
     * Empties every table: the next test starts from no events. PostgreSQL leaves deleted rows for
     * its vacuum, which thousands of short tests outrun: every hundredth clear truncates instead
     * (truncating each time costs more than the test).
     */
    public void clear() {
        boolean truncate = schema != null && clears++ % 100 == 0;
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                if (truncate) {
                    statement.execute("TRUNCATE TABLE " + String.join(", ", TABLES));
                } else {
                    for (String table : TABLES) {
                        statement.execute("DELETE FROM " + table);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        database.close();
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException ignored) {
                // a schema left behind is dropped by hand; the test's result stands
            }
        }
    }
}
