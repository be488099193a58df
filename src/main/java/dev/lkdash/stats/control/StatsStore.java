package dev.lkdash.stats.control;

import dev.lkdash.stats.entity.MinuteCounts;
import dev.lkdash.store.control.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-minute buckets of the read model. {@code stats_minute} holds what each session adds
 * (its {@link MinuteCoverage}); {@code stats_total} holds their sums per minute, changed by the
 * difference whenever a session's share changes, so that a window of the series is one range
 * read of the window's minutes, whatever the history and however many sessions ran at once.
 */
public final class StatsStore {

    static final Rows MINUTES = new Rows("stats_minute", "session_sid", List.of("open_ended", "minute_start"),
            List.of("rooms", "participants", "publishers", "recordings"));

    private StatsStore() {
    }

    /** @param known the session's rows as last written, per table, as far as the caller has them; updated */
    public static void write(Connection connection, String sessionSid, MinuteCoverage coverage,
                             Map<String, Map<List<Object>, List<Object>>> known) throws SQLException {
        Map<List<Object>, List<Object>> rows = new HashMap<>();
        coverage.closed().forEach((minute, counts) -> rows.put(Arrays.asList(false, minute), values(counts)));
        coverage.openFrom().forEach((minute, counts) -> rows.put(Arrays.asList(true, minute), values(counts)));
        Map<List<Object>, List<Object>> old = known.get(MINUTES.name());
        if (old == null) {
            old = MINUTES.read(connection, sessionSid);
            known.put(MINUTES.name(), old);
        }
        Map<List<Object>, int[]> change = new TreeMap<>(StatsStore::byMinute);
        old.forEach((key, value) -> add(change, key, value, -1));
        rows.forEach((key, value) -> add(change, key, value, +1));
        MINUTES.replace(connection, sessionSid, rows, known);
        addToTotals(connection, change);
    }

    /** Deletes the sessions' shares, taking them out of the totals. */
    /** Notes in {@code known} that a session has no rows here yet (see {@code SessionStore.noRowsYet}). */
    public static void noRowsYet(Map<String, Map<List<Object>, List<Object>>> known) {
        known.put(MINUTES.name(), Map.of());
    }

    public static void delete(Connection connection, List<String> sessionSids) throws SQLException {
        Map<List<Object>, int[]> change = new TreeMap<>(StatsStore::byMinute);
        for (String sid : sessionSids) {
            MINUTES.read(connection, sid).forEach((key, value) -> add(change, key, value, -1));
        }
        MINUTES.delete(connection, sessionSids);
        addToTotals(connection, change);
    }

    private static List<Object> values(MinuteCounts counts) {
        return Arrays.asList(counts.rooms(), counts.participants(), counts.publishers(), counts.recordings());
    }

    /** Minute order (open ones after closed), so that concurrent writers would lock total rows in one order. */
    private static int byMinute(List<Object> a, List<Object> b) {
        int c = Boolean.compare((Boolean) a.get(0), (Boolean) b.get(0));
        return c != 0 ? c : Long.compare((Long) a.get(1), (Long) b.get(1));
    }

    private static void add(Map<List<Object>, int[]> change, List<Object> key, List<Object> counts, int sign) {
        int[] sum = change.computeIfAbsent(key, k -> new int[4]);
        for (int i = 0; i < 4; i++) {
            sum[i] += sign * (Integer) counts.get(i);
        }
    }

    private static void addToTotals(Connection connection, Map<List<Object>, int[]> change) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE stats_total SET rooms = rooms + ?, "
                + "participants = participants + ?, publishers = publishers + ?, recordings = recordings + ? "
                + "WHERE open_ended = ? AND minute_start = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO stats_total (open_ended, "
                     + "minute_start, rooms, participants, publishers, recordings) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement empty = connection.prepareStatement("DELETE FROM stats_total WHERE open_ended = ? "
                     + "AND minute_start = ? AND rooms = 0 AND participants = 0 AND publishers = 0 AND recordings = 0")) {
            for (Map.Entry<List<Object>, int[]> entry : change.entrySet()) {
                int[] d = entry.getValue();
                if (d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0) {
                    continue;
                }
                boolean open = (Boolean) entry.getKey().get(0);
                long minute = (Long) entry.getKey().get(1);
                for (int i = 0; i < 4; i++) {
                    update.setInt(i + 1, d[i]);
                }
                update.setBoolean(5, open);
                update.setLong(6, minute);
                if (update.executeUpdate() == 0) {
                    insert.setBoolean(1, open);
                    insert.setLong(2, minute);
                    for (int i = 0; i < 4; i++) {
                        insert.setInt(i + 3, d[i]);
                    }
                    insert.executeUpdate();
                } else if (d[0] < 0 || d[1] < 0 || d[2] < 0 || d[3] < 0) { // only a decrease can empty a minute
                    empty.setBoolean(1, open);
                    empty.setLong(2, minute);
                    empty.executeUpdate();
                }
            }
        }
    }

    /** Everything that covers minutes [first, last]: the closed counts within it, all open ones from by last. */
    static MinuteCoverage window(Connection connection, long first, long last) throws SQLException {
        MinuteCoverage coverage = MinuteCoverage.empty();
        sum(connection, "open_ended = FALSE AND minute_start >= ? AND minute_start <= ?", coverage.closed(), first, last);
        sum(connection, "open_ended = TRUE AND minute_start <= ?", coverage.openFrom(), last);
        return coverage;
    }

    private static void sum(Connection connection, String where, Map<Long, MinuteCounts> into, long... bounds)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT minute_start, rooms, participants, "
                + "publishers, recordings FROM stats_total WHERE " + where)) {
            for (int i = 0; i < bounds.length; i++) {
                select.setLong(i + 1, bounds[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    into.put(rows.getLong(1), new MinuteCounts(rows.getInt(2), rows.getInt(3), rows.getInt(4),
                            rows.getInt(5)));
                }
            }
        }
    }
}
