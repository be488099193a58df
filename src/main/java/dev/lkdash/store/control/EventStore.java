package dev.lkdash.store.control;

import dev.lkdash.store.entity.RecordedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The append-only table of accepted events: the statements, each run on the caller's connection
 * so that an insert shares the transaction of the read model rows derived from it.
 */
public final class EventStore {

    private static final String COLUMNS = "event_id, name, room_sid, room_name, created_at, received_at, body";

    private EventStore() {
    }

    public static boolean contains(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM webhook_event WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Inserts the event; the caller has checked that its id is new. */
    public static void insert(Connection connection, RecordedEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO webhook_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.eventId());
            insert.setString(2, event.name());
            insert.setString(3, event.roomSid());
            insert.setString(4, event.roomName());
            insert.setLong(5, event.createdAt());
            insert.setLong(6, event.receivedAt());
            insert.setString(7, event.body());
            insert.executeUpdate();
        }
    }

    /** Every event naming one of these room sessions. */
    public static List<RecordedEvent> ofSessions(Connection connection, Collection<String> sids) throws SQLException {
        List<RecordedEvent> events = new ArrayList<>();
        for (List<String> chunk : Chunks.of(sids)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM webhook_event WHERE room_sid IN (" + Chunks.marks(chunk.size()) + ")")) {
                Chunks.bind(select, 1, chunk);
                read(select, events);
            }
        }
        return events;
    }

    /** The events naming a room by name only (no room sid) with a time in [from, to]. */
    public static List<RecordedEvent> byNameOnly(Connection connection, String roomName, long from, long to)
            throws SQLException {
        List<RecordedEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM webhook_event "
                + "WHERE room_name = ? AND created_at >= ? AND created_at <= ? AND room_sid IS NULL")) {
            select.setString(1, roomName);
            select.setLong(2, from);
            select.setLong(3, to);
            read(select, events);
        }
        return events;
    }

    /** Room names that events name, after {@code after} in name order, at most {@code limit}. */
    public static List<String> roomNames(Connection connection, String after, int limit) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT room_name FROM webhook_event "
                + "WHERE room_name > ? ORDER BY room_name")) {
            select.setString(1, after);
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** Room sids of events that name the room sid and no room name, after {@code after}, at most {@code limit}. */
    public static List<String> unnamedSessions(Connection connection, String after, int limit) throws SQLException {
        List<String> sids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT room_sid FROM webhook_event "
                + "WHERE room_sid > ? AND room_name IS NULL ORDER BY room_sid")) {
            select.setString(1, after);
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sids.add(rows.getString(1));
                }
            }
        }
        return sids;
    }

    /** The room sids that events with this room name also name. */
    public static List<String> sessionsNamed(Connection connection, String roomName) throws SQLException {
        List<String> sids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT room_sid FROM webhook_event "
                + "WHERE room_name = ? AND room_sid IS NOT NULL")) {
            select.setString(1, roomName);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sids.add(rows.getString(1));
                }
            }
        }
        return sids;
    }

    /** Deletes the events of these room sessions and these other events; returns how many went. */
    public static int delete(Connection connection, Collection<String> sids, Collection<String> eventIds)
            throws SQLException {
        int deleted = 0;
        for (List<String> chunk : Chunks.of(sids)) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM webhook_event WHERE room_sid IN (" + Chunks.marks(chunk.size()) + ")")) {
                Chunks.bind(delete, 1, chunk);
                deleted += delete.executeUpdate();
            }
        }
        for (List<String> chunk : Chunks.of(eventIds)) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM webhook_event WHERE event_id IN (" + Chunks.marks(chunk.size()) + ")")) {
                Chunks.bind(delete, 1, chunk);
                deleted += delete.executeUpdate();
            }
        }
        return deleted;
    }

    /**
     * Up to {@code limit} ids of events older than the cutoff that belong to no room session: no
     * session has their room sid, and none has them in its timeline (a room-name-only event that
     * attached to one).
     */
    public static List<String> orphansBefore(Connection connection, long cutoff, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT e.event_id FROM webhook_event e "
                + "WHERE e.created_at < ? "
                + "AND (e.room_sid IS NULL OR NOT EXISTS (SELECT 1 FROM room_session s WHERE s.sid = e.room_sid)) "
                + "AND NOT EXISTS (SELECT 1 FROM session_event t WHERE t.event_id = e.event_id)")) {
            select.setLong(1, cutoff);
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    public static long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM webhook_event");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void read(PreparedStatement select, List<RecordedEvent> into) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                into.add(new RecordedEvent(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getLong(5), rows.getLong(6), rows.getString(7)));
            }
        }
    }
}
