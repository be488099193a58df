package dev.lkdash.webhooks.control;

import dev.lkdash.webhooks.entity.WebhookHealthReport.CorrectionSeen;
import dev.lkdash.webhooks.entity.WebhookHealthReport.Refusal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The webhook health tables: hourly tallies ({@code webhook_tally}) and the latest refusals
 * ({@code webhook_refusal}); corrections are read from the stored events they were recorded as.
 */
final class WebhookHealthStore {

    /** A tally's identity: the hour, what it counts ({@link #EVENT}, {@link #REFUSED}, ...) and the name. */
    record Key(long hourStart, String kind, String name) {
    }

    /** A count and when its last delivery was. */
    record Tally(long count, long lastAt) {
        Tally plus(Tally other) {
            return new Tally(count + other.count, Math.max(lastAt, other.lastAt));
        }
    }

    static final String EVENT = "event";
    static final String REFUSED = "refused";
    static final String DUPLICATE = "duplicate";
    static final String DROPPED = "dropped";
    /** Refusals kept in the table at most: what the page lists, not a log. */
    static final int REFUSALS_KEPT = 200;

    private WebhookHealthStore() {
    }

    /** Adds the counts to their hours' rows. */
    static void add(Connection connection, Map<Key, Tally> tallies) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_tally SET count = count + ?, "
                + "last_at = GREATEST(last_at, ?) WHERE hour_start = ? AND kind = ? AND name = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_tally "
                     + "(hour_start, kind, name, count, last_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<Key, Tally> entry : tallies.entrySet()) {
                Key key = entry.getKey();
                Tally tally = entry.getValue();
                update.setLong(1, tally.count());
                update.setLong(2, tally.lastAt());
                update.setLong(3, key.hourStart());
                update.setString(4, key.kind());
                update.setString(5, key.name());
                if (update.executeUpdate() == 0) {
                    insert.setLong(1, key.hourStart());
                    insert.setString(2, key.kind());
                    insert.setString(3, key.name());
                    insert.setLong(4, tally.count());
                    insert.setLong(5, tally.lastAt());
                    insert.executeUpdate();
                }
            }
        }
    }

    /** Stores the refusals and drops all but the latest {@link #REFUSALS_KEPT}. */
    static void addRefusals(Connection connection, List<Refusal> refusals) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO webhook_refusal (at, reason, address) VALUES (?, ?, ?)")) {
            for (Refusal refusal : refusals) {
                insert.setLong(1, refusal.at());
                insert.setString(2, refusal.reason());
                insert.setString(3, refusal.address());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<Refusal> kept = recentRefusals(connection, REFUSALS_KEPT);
        if (kept.size() == REFUSALS_KEPT) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_refusal WHERE at < ?")) {
                delete.setLong(1, kept.get(kept.size() - 1).at());
                delete.executeUpdate();
            }
        }
    }

    /** Every tally of the hours from {@code since} on, summed over the hours. */
    static Map<Key, Tally> totalsSince(Connection connection, long since) throws SQLException {
        Map<Key, Tally> totals = new java.util.HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT kind, name, SUM(count), MAX(last_at) "
                + "FROM webhook_tally WHERE hour_start >= ? GROUP BY kind, name")) {
            select.setLong(1, since);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.put(new Key(0, rows.getString(1), rows.getString(2)), new Tally(rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return totals;
    }

    /** The first hour with a tally from {@code since} on, or null. */
    static Long firstHour(Connection connection, long since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(hour_start) FROM webhook_tally WHERE hour_start >= ?")) {
            select.setLong(1, since);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long first = row.getLong(1);
                return row.wasNull() ? null : first;
            }
        }
    }

    static List<Refusal> recentRefusals(Connection connection, int limit) throws SQLException {
        List<Refusal> refusals = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT at, reason, address FROM webhook_refusal ORDER BY at DESC FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    refusals.add(new Refusal(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return refusals;
    }

    /** The corrections reconciliation recorded (their event ids start with {@code RC_}), newest first. */
    static List<CorrectionSeen> corrections(Connection connection, int limit) throws SQLException {
        List<CorrectionSeen> corrections = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT received_at, room_name, name "
                + "FROM webhook_event WHERE event_id LIKE 'RC!_%' ESCAPE '!' ORDER BY received_at DESC "
                + "FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    corrections.add(new CorrectionSeen(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return corrections;
    }

    /** Deletes the hours and refusals before the cutoff. */
    static void deleteBefore(Connection connection, long cutoff) throws SQLException {
        try (PreparedStatement tallies = connection.prepareStatement("DELETE FROM webhook_tally WHERE hour_start < ?");
             PreparedStatement refusals = connection.prepareStatement("DELETE FROM webhook_refusal WHERE at < ?")) {
            tallies.setLong(1, cutoff - cutoff % WebhookHealth.HOUR_MS);
            tallies.executeUpdate();
            refusals.setLong(1, cutoff);
            refusals.executeUpdate();
        }
    }
}
