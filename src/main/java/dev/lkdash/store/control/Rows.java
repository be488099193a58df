package dev.lkdash.store.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows one room session owns in one read-model table, replaced by their new values with the
 * fewest writes: rows are compared by key, and only those that are new, changed or gone are
 * written. Values are {@code String}, {@code Long} (BIGINT), {@code Integer}, {@code Boolean} or
 * null, as JDBC reads them back, so that unchanged rows compare equal.
 *
 * @param name          the table
 * @param sessionColumn the column holding the room session's sid
 * @param keys          the other key columns (empty: one row per session)
 * @param values        the value columns
 */
public record Rows(String name, String sessionColumn, List<String> keys, List<String> values) {

    /**
     * Makes the session's rows exactly these, keyed by the key columns' values.
     *
     * @param known the rows of this session as last written, per table, when the caller has them
     *              (else they are read); updated to the new rows
     */
    public void replace(Connection connection, String sessionSid, Map<List<Object>, List<Object>> rows,
                        Map<String, Map<List<Object>, List<Object>>> known) throws SQLException {
        Map<List<Object>, List<Object>> remembered = known.get(name);
        Map<List<Object>, List<Object>> old = remembered != null ? remembered : read(connection, sessionSid);
        known.put(name, rows);
        List<List<Object>> gone = new ArrayList<>();
        for (List<Object> key : old.keySet()) {
            if (!rows.containsKey(key)) {
                gone.add(key);
            }
        }
        Map<List<Object>, List<Object>> changed = new HashMap<>();
        Map<List<Object>, List<Object>> added = new HashMap<>();
        rows.forEach((key, value) -> {
            List<Object> before = old.get(key);
            if (before == null) {
                added.put(key, value);
            } else if (!before.equals(value)) {
                changed.put(key, value);
            }
        });
        if (!gone.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + name + " WHERE "
                    + sessionColumn + " = ?" + keys.stream().map(k -> " AND " + k + " = ?").collect(Collectors.joining()))) {
                for (List<Object> key : gone) {
                    delete.setString(1, sessionSid);
                    bind(delete, 2, key);
                    addRow(delete, gone.size());
                }
                executeRows(delete, gone.size());
            }
        }
        if (!changed.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + name + " SET "
                    + values.stream().map(v -> v + " = ?").collect(Collectors.joining(", ")) + " WHERE "
                    + sessionColumn + " = ?" + keys.stream().map(k -> " AND " + k + " = ?").collect(Collectors.joining()))) {
                for (Map.Entry<List<Object>, List<Object>> row : changed.entrySet()) {
                    bind(update, 1, row.getValue());
                    update.setString(values.size() + 1, sessionSid);
                    bind(update, values.size() + 2, row.getKey());
                    addRow(update, changed.size());
                }
                executeRows(update, changed.size());
            }
        }
        if (!added.isEmpty()) {
            int columns = 1 + keys.size() + values.size();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name + " (" + sessionColumn
                    + keys.stream().map(k -> ", " + k).collect(Collectors.joining())
                    + values.stream().map(v -> ", " + v).collect(Collectors.joining()) + ") VALUES ("
                    + Chunks.marks(columns) + ")")) {
                for (Map.Entry<List<Object>, List<Object>> row : added.entrySet()) {
                    insert.setString(1, sessionSid);
                    bind(insert, 2, row.getKey());
                    bind(insert, 2 + keys.size(), row.getValue());
                    addRow(insert, added.size());
                }
                executeRows(insert, added.size());
            }
        }
    }

    /** The session's rows, keyed by the key columns' values. */
    public Map<List<Object>, List<Object>> read(Connection connection, String sessionSid) throws SQLException {
        Map<List<Object>, List<Object>> rows = new HashMap<>();
        List<String> columns = new ArrayList<>(keys);
        columns.addAll(values);
        try (PreparedStatement select = connection.prepareStatement("SELECT " + String.join(", ", columns)
                + " FROM " + name + " WHERE " + sessionColumn + " = ?")) {
            select.setString(1, sessionSid);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    List<Object> key = new ArrayList<>(keys.size());
                    for (int i = 1; i <= keys.size(); i++) {
                        key.add(result.getObject(i));
                    }
                    List<Object> value = new ArrayList<>(values.size());
                    for (int i = keys.size() + 1; i <= columns.size(); i++) {
                        value.add(result.getObject(i));
                    }
                    rows.put(key, value);
                }
            }
        }
        return rows;
    }

    /** Deletes the rows of these sessions. */
    public int delete(Connection connection, List<String> sessionSids) throws SQLException {
        int deleted = 0;
        for (List<String> chunk : Chunks.of(sessionSids)) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + name + " WHERE "
                    + sessionColumn + " IN (" + Chunks.marks(chunk.size()) + ")")) {
                Chunks.bind(delete, 1, chunk);
                deleted += delete.executeUpdate();
            }
        }
        return deleted;
    }

    /*
     * A single row runs without a batch: most changes write one row per table, and H2 builds an
     * exception object (a stack trace) for every batch it runs, whether or not anything fails.
     */
    private static void addRow(PreparedStatement statement, int rows) throws SQLException {
        if (rows > 1) {
            statement.addBatch();
        }
    }

    private static void executeRows(PreparedStatement statement, int rows) throws SQLException {
        if (rows > 1) {
            statement.executeBatch();
        } else {
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, int first, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                statement.setNull(first + i, Types.NULL);
            } else {
                statement.setObject(first + i, value);
            }
        }
    }
}
