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
                    "CREATE INDEX webhook_event_room_sid ON webhook_event (room_sid)"),
            // the read model: derived from the events in the transaction that stores each one
            // (dev.lkdash.rooms.control.ReadModel); read_model.version says which derivation the
            // rows hold, so the rooms component derives them from the stored events once when it
            // is behind (the events of version 1 are migrated that way)
            List.of("""
                    CREATE TABLE room_session (
                        sid VARCHAR(255) NOT NULL PRIMARY KEY,
                        room_name VARCHAR(1024) NOT NULL,
                        started_at BIGINT NOT NULL,
                        ended_at BIGINT,
                        live BOOLEAN NOT NULL,
                        last_event_at BIGINT NOT NULL,
                        finished_at BIGINT,
                        peak_participants INTEGER NOT NULL,
                        total_participants INTEGER NOT NULL,
                        metadata VARCHAR NOT NULL)""",
                    "CREATE INDEX room_session_started ON room_session (started_at, sid)",
                    "CREATE INDEX room_session_name ON room_session (room_name, started_at, sid)",
                    "CREATE INDEX room_session_ended ON room_session (ended_at)",
                    "CREATE INDEX room_session_live ON room_session (live)",
                    """
                    CREATE TABLE participant_session (
                        session_sid VARCHAR(255) NOT NULL,
                        sid VARCHAR(255) NOT NULL,
                        identity VARCHAR(1024) NOT NULL,
                        display_name VARCHAR(1024) NOT NULL,
                        kind VARCHAR(64) NOT NULL,
                        joined_at BIGINT NOT NULL,
                        left_at BIGINT,
                        disconnect_reason VARCHAR(64),
                        ended_by VARCHAR(64),
                        PRIMARY KEY (session_sid, sid))""",
                    """
                    CREATE TABLE track_session (
                        session_sid VARCHAR(255) NOT NULL,
                        participant_sid VARCHAR(255) NOT NULL,
                        sid VARCHAR(255) NOT NULL,
                        ord INTEGER NOT NULL,
                        track_type VARCHAR(64) NOT NULL,
                        track_source VARCHAR(64) NOT NULL,
                        display_name VARCHAR(1024) NOT NULL,
                        simulcast BOOLEAN NOT NULL,
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        muted BOOLEAN NOT NULL,
                        mime_type VARCHAR(255) NOT NULL,
                        published_at BIGINT,
                        unpublished_at BIGINT,
                        PRIMARY KEY (session_sid, participant_sid, sid))""",
                    """
                    CREATE TABLE egress_record (
                        session_sid VARCHAR(255) NOT NULL,
                        egress_id VARCHAR(255) NOT NULL,
                        room_name VARCHAR(1024),
                        status VARCHAR(64) NOT NULL,
                        active BOOLEAN NOT NULL,
                        started_at BIGINT,
                        ended_at BIGINT,
                        error VARCHAR,
                        PRIMARY KEY (session_sid, egress_id))""",
                    """
                    CREATE TABLE ingress_record (
                        session_sid VARCHAR(255) NOT NULL,
                        ingress_id VARCHAR(255) NOT NULL,
                        display_name VARCHAR(1024),
                        room_name VARCHAR(1024),
                        participant_identity VARCHAR(1024),
                        status VARCHAR(64) NOT NULL,
                        active BOOLEAN NOT NULL,
                        started_at BIGINT,
                        ended_at BIGINT,
                        error VARCHAR,
                        PRIMARY KEY (session_sid, ingress_id))""",
                    """
                    CREATE TABLE agent_job_record (
                        session_sid VARCHAR(255) NOT NULL,
                        job_id VARCHAR(255) NOT NULL,
                        job_type VARCHAR(64) NOT NULL,
                        agent_name VARCHAR(1024),
                        room_name VARCHAR(1024),
                        participant_identity VARCHAR(1024),
                        status VARCHAR(64) NOT NULL,
                        active BOOLEAN NOT NULL,
                        started_at BIGINT,
                        ended_at BIGINT,
                        error VARCHAR,
                        PRIMARY KEY (session_sid, job_id))""",
                    """
                    CREATE TABLE session_event (
                        session_sid VARCHAR(255) NOT NULL,
                        event_id VARCHAR(255) NOT NULL,
                        created_at BIGINT NOT NULL,
                        event_rank INTEGER NOT NULL,
                        name VARCHAR(255) NOT NULL,
                        participant_identity VARCHAR(1024),
                        track_sid VARCHAR(255),
                        detail VARCHAR NOT NULL,
                        PRIMARY KEY (session_sid, event_id))""",
                    "CREATE INDEX session_event_event ON session_event (event_id)",
                    """
                    CREATE TABLE stats_minute (
                        session_sid VARCHAR(255) NOT NULL,
                        open_ended BOOLEAN NOT NULL,
                        minute_start BIGINT NOT NULL,
                        rooms INTEGER NOT NULL,
                        participants INTEGER NOT NULL,
                        publishers INTEGER NOT NULL,
                        recordings INTEGER NOT NULL,
                        PRIMARY KEY (session_sid, open_ended, minute_start))""",
                    """
                    CREATE TABLE stats_total (
                        open_ended BOOLEAN NOT NULL,
                        minute_start BIGINT NOT NULL,
                        rooms INTEGER NOT NULL,
                        participants INTEGER NOT NULL,
                        publishers INTEGER NOT NULL,
                        recordings INTEGER NOT NULL,
                        PRIMARY KEY (open_ended, minute_start))""",
                    "CREATE INDEX webhook_event_room_name ON webhook_event (room_name, created_at)",
                    "CREATE TABLE read_model (version INTEGER NOT NULL)",
                    "INSERT INTO read_model (version) VALUES (0)"),
            // what ended a session (room_finished, presumed_ended, ...): read model version 2 fills it in
            List.of("ALTER TABLE room_session ADD COLUMN ended_by VARCHAR(64)"),
            // webhook health: deliveries counted per hour (accepted by event, refused by reason,
            // duplicates, LiveKit's numDropped) and the latest refusals, kept for the retention
            List.of("""
                    CREATE TABLE webhook_tally (
                        hour_start BIGINT NOT NULL,
                        kind VARCHAR(16) NOT NULL,
                        name VARCHAR(64) NOT NULL,
                        count BIGINT NOT NULL,
                        last_at BIGINT NOT NULL,
                        PRIMARY KEY (hour_start, kind, name))""",
                    """
                    CREATE TABLE webhook_refusal (
                        at BIGINT NOT NULL,
                        reason VARCHAR(32) NOT NULL,
                        address VARCHAR(64) NOT NULL)""",
                    "CREATE INDEX webhook_refusal_at ON webhook_refusal (at)"),
            // login sessions (dev.lkdash.auth): only a hash of each token, so that the table never
            // holds a usable cookie; in the database so that every instance honours every session
            List.of("""
                    CREATE TABLE auth_session (
                        token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
                        username VARCHAR(1024) NOT NULL,
                        created_at BIGINT NOT NULL,
                        last_seen_at BIGINT NOT NULL)""",
                    "CREATE INDEX auth_session_last_seen ON auth_session (last_seen_at)"),
            // numbers the read model's change transactions when several instances share it
            // (dashboard.bus=redis): taken under the change lock, so they follow commit order, and
            // an instance keeps the newest state of a room whatever order the messages come in
            List.of("CREATE SEQUENCE room_change"));

    /** Names the advisory lock of a schema's migration (with the schema's name). */
    private static final String MIGRATION_LOCK = "lkdash.schema-migration:";

    private SchemaMigrations() {
    }

    /**
     * Migrates the schema; on PostgreSQL under an advisory lock on the schema's name, so that
     * instances starting together against one database migrate one after the other (the later
     * ones find the work done).
     *
     * @return the schema version after migrating
     */
    static int migrate(Connection connection) throws SQLException {
        boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        if (!postgres) {
            return migrateUnlocked(connection);
        }
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(hashtext('" + MIGRATION_LOCK + "' || current_schema()))");
        }
        try {
            return migrateUnlocked(connection);
        } finally {
            try (Statement unlock = connection.createStatement()) {
                unlock.execute("SELECT pg_advisory_unlock(hashtext('" + MIGRATION_LOCK + "' || current_schema()))");
            }
            connection.commit();
        }
    }

    private static int migrateUnlocked(Connection connection) throws SQLException {
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
