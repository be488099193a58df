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

/**
 * The per-minute buckets of the read model ({@code stats_minute}): each session's
 * {@link MinuteCoverage}, so that a window of the series is one indexed range read, whatever the
 * history.
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
        MINUTES.replace(connection, sessionSid, rows, known);
    }

    public static void delete(Connection connection, List<String> sessionSids) throws SQLException {
        MINUTES.delete(connection, sessionSids);
    }

    private static List<Object> values(MinuteCounts counts) {
        return Arrays.asList(counts.rooms(), counts.participants(), counts.publishers(), counts.recordings());
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
        try (PreparedStatement select = connection.prepareStatement("SELECT minute_start, SUM(rooms), "
                + "SUM(participants), SUM(publishers), SUM(recordings) FROM stats_minute WHERE " + where
                + " GROUP BY minute_start")) {
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
