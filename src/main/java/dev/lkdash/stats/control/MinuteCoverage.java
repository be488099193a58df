package dev.lkdash.stats.control;

import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.TrackSession;
import dev.lkdash.stats.entity.MinuteCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What sessions add to the per-minute series, independent of the clock: a room, participant,
 * publication or egress counts in every minute its interval [start, end) overlaps (an instant one
 * in its own minute), each thing once per minute however many of its intervals overlap it. An
 * interval still open counts from its first minute on, up to whatever minute is "now" when read;
 * one that ended counts in the minutes any window can still show ({@link #SHOWN_BEFORE_END}).
 *
 * @param closed   counts per minute start (ms) of what has ended
 * @param openFrom counts of what is still open, by the minute start (ms) it counts from
 */
public record MinuteCoverage(Map<Long, MinuteCounts> closed, Map<Long, MinuteCounts> openFrom) {

    static final long MINUTE = 60_000;
    private static final long OPEN = Long.MAX_VALUE;
    /**
     * How far before its end an interval that ended can still show: every window of the overview
     * ends now, after the end, and spans at most the longest window; an hour more allows for
     * LiveKit's clock running ahead of ours. Older minutes are not kept, so a session or
     * participant lasting months adds a day of minutes when it ends, not every minute it lasted.
     */
    static final long SHOWN_BEFORE_END = (StatsWindow.H24.minutes + 60) * MINUTE;

    public static MinuteCoverage empty() {
        return new MinuteCoverage(new TreeMap<>(), new TreeMap<>());
    }

    /** One session's share: its room, its egress (as recordings), its participants and publications. */
    public static MinuteCoverage of(SessionDetail session) {
        MinuteCoverage coverage = empty();
        long sessionEnd = session.endedAt() != null ? session.endedAt() : OPEN;
        coverage.add(List.of(range(session.startedAt(), sessionEnd)), c -> new MinuteCounts(c, 0, 0, 0));
        List<long[]> egress = new ArrayList<>();
        for (EgressView e : session.egress()) {
            if (e.startedAt() != null) {
                long end = e.endedAt() != null ? e.endedAt() : e.active() ? OPEN : e.startedAt();
                egress.add(range(e.startedAt(), end));
            }
        }
        coverage.add(egress, c -> new MinuteCounts(0, 0, 0, c));
        for (ParticipantSession p : session.participants()) {
            if ("EGRESS".equals(p.kind())) {
                continue; // the recorder is counted as a recording, as in numParticipants
            }
            long left = p.leftAt() != null ? p.leftAt() : OPEN;
            coverage.add(List.of(range(p.joinedAt(), left)), c -> new MinuteCounts(0, c, 0, 0));
            List<long[]> published = new ArrayList<>();
            for (TrackSession t : p.tracks()) {
                long start = t.publishedAt() != null ? t.publishedAt() : p.joinedAt();
                long end = t.unpublishedAt() != null ? t.unpublishedAt() : left;
                published.add(range(start, end));
            }
            coverage.add(published, c -> new MinuteCounts(0, 0, c, 0));
        }
        return coverage;
    }

    /** This and the other added up. */
    public MinuteCoverage plus(MinuteCoverage other) {
        MinuteCoverage sum = empty();
        List.of(this, other).forEach(part -> {
            part.closed.forEach((minute, counts) -> sum.closed.merge(minute, counts, MinuteCounts::plus));
            part.openFrom.forEach((minute, counts) -> sum.openFrom.merge(minute, counts, MinuteCounts::plus));
        });
        return sum;
    }

    /** The minute starts [lo, hi] an interval covers; hi is {@link #OPEN} for one still open. */
    private static long[] range(long start, long end) {
        long lo = Math.floorDiv(start, MINUTE) * MINUTE;
        if (end == OPEN) {
            return new long[] {lo, OPEN};
        }
        long last = Math.max(end, start + 1) - 1;
        return new long[] {lo, Math.floorDiv(last, MINUTE) * MINUTE};
    }

    /** Counts one thing in every minute any of the ranges covers (overlaps counted once). */
    private void add(List<long[]> ranges, Function<Integer, MinuteCounts> one) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(range -> range[0]));
        long lo = 0;
        long hi = 0;
        boolean any = false;
        for (long[] range : sorted) {
            if (any && (hi == OPEN || range[0] <= hi + MINUTE)) {
                hi = Math.max(hi, range[1]);
            } else {
                if (any) {
                    mark(lo, hi, one.apply(1));
                }
                lo = range[0];
                hi = range[1];
                any = true;
            }
        }
        if (any) {
            mark(lo, hi, one.apply(1));
        }
    }

    private void mark(long lo, long hi, MinuteCounts counts) {
        if (hi == OPEN) {
            openFrom.merge(lo, counts, MinuteCounts::plus);
            return;
        }
        for (long minute = Math.max(lo, hi - SHOWN_BEFORE_END); minute <= hi; minute += MINUTE) {
            closed.merge(minute, counts, MinuteCounts::plus);
        }
    }
}
