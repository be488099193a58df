package dev.lkdash.store.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * Creates and upgrades the schema at start-up: numbered steps of plain SQL that H2 and PostgreSQL
 * both understand, each applied once, in its own transaction, and recorded in
 * {@code schema_version}. A new schema change is a new step at the end; steps are never edited.
 */
final class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    /** Step n (1-based) brings the schema to version n. */
    static final List<List<String>> STEPS = List.of(
            List.of("""
                    CREATE TABLE webhook_event (
                        event_id VARCHAR(255) NOT NULL PRIMARY KEY,
                        name VARCHAR(255) NOT NULL,
                        room_sid VARCHAR(255),
                        room_name VARCHAR(1024),
                        created_at BIGINT NOT NULL,
                        received_at BIGINT NOT NULL,
                        body VARCHAR NOT NULL)""",
                    "CREATE INDEX webhook_event_created_at ON webhook_event (created_at)",
                    "CREATE INDEX webhook_event_room_sid ON webhook_event (room_sid)"));

    private SchemaMigrations() {
    }

    /** @return the schema version after migrating */
    static int migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "applied_at BIGINT NOT NULL)");
            connection.commit();
        }
        int current = currentVersion(connection);
        for (int version = current + 1; version <= STEPS.size(); version++) {
            try (Statement statement = connection.createStatement();
                 PreparedStatement done = connection.prepareStatement(
                         "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                for (String sql : STEPS.get(version - 1)) {
                    statement.execute(sql);
                }
                done.setInt(1, version);
                done.setLong(2, System.currentTimeMillis());
                done.executeUpdate();
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
            int applied = version;
            LOG.info(() -> "Event database schema migrated to version " + applied);
        }
        return Math.max(current, STEPS.size());
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            result.next();
            return result.getInt(1);
        }
    }
}
