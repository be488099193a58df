package dev.lkdash.stats.control;

import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.stats.entity.MinuteCounts;
import dev.lkdash.stats.entity.StatsOverview;
import dev.lkdash.stats.entity.StatsPoint;
import dev.lkdash.stats.entity.StatsTotals;
import dev.lkdash.store.control.Database;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The overview: the live rooms' totals ({@link LiveTotals}), and a per-minute series read from the stored
 * {@link MinuteCoverage} of every session: a room, participant, publication or egress counts in a
 * minute when its interval [start, end) overlaps the minute (a still-open interval lasts until
 * now; an instant one covers its own minute). So a participant who stayed 10 s shows in one
 * point, and a point can exceed the totals of any single instant in its minute.
 */
public final class OverviewStats {

    static final long MINUTE = MinuteCoverage.MINUTE;

    private OverviewStats() {
    }

    public static StatsOverview overview(Database database, StatsTotals current, StatsWindow window, long now) {
        long first = firstMinute(now, window.minutes);
        long last = first + (window.minutes - 1) * MINUTE;
        MinuteCoverage coverage = database.read(connection -> StatsStore.window(connection, first, last));
        return new StatsOverview(window.label, current, series(coverage, first, window.minutes, now));
    }

    /** The start of the oldest minute of a window whose last minute is the one holding {@code now}. */
    static long firstMinute(long now, int minutes) {
        return Math.floorDiv(now, MINUTE) * MINUTE - (minutes - 1) * MINUTE;
    }

    /** The series of these sessions, as if their coverage had been stored. */
    static List<StatsPoint> series(List<SessionDetail> sessions, long first, int minutes, long now) {
        MinuteCoverage coverage = MinuteCoverage.empty();
        for (SessionDetail session : sessions) {
            coverage = coverage.plus(MinuteCoverage.of(session));
        }
        return series(coverage, first, minutes, now);
    }

    /** One point per minute from {@code first} on; what is open counts up to the minute of {@code now}. */
    static List<StatsPoint> series(MinuteCoverage coverage, long first, int minutes, long now) {
        MinuteCounts[] diff = new MinuteCounts[minutes + 1];
        Arrays.fill(diff, MinuteCounts.NONE);
        coverage.closed().forEach((minute, counts) -> mark(diff, first, minutes, minute, minute, counts));
        long current = Math.floorDiv(now, MINUTE) * MINUTE;
        coverage.openFrom().forEach((minute, counts) -> mark(diff, first, minutes, minute, current, counts));
        List<StatsPoint> series = new ArrayList<>(minutes);
        MinuteCounts running = MinuteCounts.NONE;
        for (int m = 0; m < minutes; m++) {
            running = running.plus(diff[m]);
            series.add(new StatsPoint(first + m * MINUTE, running.rooms(), running.participants(),
                    running.publishers(), running.recordings()));
        }
        return List.copyOf(series);
    }

    /** Adds the counts to the minutes [from, to] that lie in the window. */
    private static void mark(MinuteCounts[] diff, long first, int minutes, long from, long to, MinuteCounts counts) {
        long lo = Math.max(0, Math.floorDiv(from - first, MINUTE));
        long hi = Math.min(minutes - 1, Math.floorDiv(to - first, MINUTE));
        if (lo <= hi) {
            diff[(int) lo] = diff[(int) lo].plus(counts);
            diff[(int) hi + 1] = diff[(int) hi + 1].plus(negate(counts));
        }
    }

    private static MinuteCounts negate(MinuteCounts counts) {
        return new MinuteCounts(-counts.rooms(), -counts.participants(), -counts.publishers(), -counts.recordings());
    }
}
