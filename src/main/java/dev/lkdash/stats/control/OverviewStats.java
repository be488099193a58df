package dev.lkdash.stats.control;

import dev.lkdash.rooms.control.RoomProjection;
import dev.lkdash.rooms.entity.EgressView;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionSummary;
import dev.lkdash.sessions.entity.TrackSession;
import dev.lkdash.stats.entity.StatsOverview;
import dev.lkdash.stats.entity.StatsPoint;
import dev.lkdash.stats.entity.StatsTotals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The overview from the session history: a room, participant, publication or egress counts in a
 * minute when its interval [start, end) overlaps the minute (a still-open interval lasts until
 * now; an instant one covers its own minute). So a participant who stayed 10 s shows in one
 * point, and a point can exceed the totals of any single instant in its minute.
 */
public final class OverviewStats {

    static final long MINUTE = 60_000;

    private OverviewStats() {
    }

    public static StatsOverview overview(RoomProjection projection, StatsWindow window, long now) {
        long first = firstMinute(now, window.minutes);
        List<SessionDetail> sessions = new ArrayList<>();
        for (SessionSummary summary : projection.sessions()) {
            boolean overlaps = summary.startedAt() < first + window.minutes * MINUTE
                    && (summary.endedAt() == null || summary.endedAt() >= first);
            if (overlaps) {
                projection.session(summary.sid()).ifPresent(sessions::add);
            }
        }
        return new StatsOverview(window.label, current(projection.activeRooms()),
                series(sessions, first, window.minutes, now));
    }

    /** The start of the oldest minute of a window whose last minute is the one holding {@code now}. */
    static long firstMinute(long now, int minutes) {
        return Math.floorDiv(now, MINUTE) * MINUTE - (minutes - 1) * MINUTE;
    }

    static StatsTotals current(List<RoomSummary> rooms) {
        int participants = 0;
        int publishers = 0;
        int recordings = 0;
        for (RoomSummary room : rooms) {
            participants += room.numParticipants();
            publishers += room.numPublishers();
            recordings += room.activeRecording() ? 1 : 0;
        }
        return new StatsTotals(rooms.size(), participants, publishers, recordings);
    }

    /** One point per minute from {@code first} on; open intervals last until {@code now} inclusive. */
    static List<StatsPoint> series(List<SessionDetail> sessions, long first, int minutes, long now) {
        Minutes rooms = new Minutes(first, minutes);
        Minutes participants = new Minutes(first, minutes);
        Minutes publishers = new Minutes(first, minutes);
        Minutes recordings = new Minutes(first, minutes);
        long open = now + 1; // what is still going on is there at now, in the current minute
        for (SessionDetail session : sessions) {
            long sessionEnd = session.endedAt() != null ? session.endedAt() : open;
            rooms.add(List.of(rooms.range(session.startedAt(), sessionEnd)));
            List<long[]> egress = new ArrayList<>();
            for (EgressView e : session.egress()) {
                if (e.startedAt() != null) {
                    long end = e.endedAt() != null ? e.endedAt() : e.active() ? open : e.startedAt();
                    egress.add(recordings.range(e.startedAt(), end));
                }
            }
            recordings.add(egress);
            for (ParticipantSession p : session.participants()) {
                if ("EGRESS".equals(p.kind())) {
                    continue; // the recorder is counted as a recording, as in numParticipants
                }
                long left = p.leftAt() != null ? p.leftAt() : open;
                participants.add(List.of(participants.range(p.joinedAt(), left)));
                List<long[]> published = new ArrayList<>();
                for (TrackSession t : p.tracks()) {
                    long start = t.publishedAt() != null ? t.publishedAt() : p.joinedAt();
                    long end = t.unpublishedAt() != null ? t.unpublishedAt() : left;
                    published.add(publishers.range(start, end));
                }
                publishers.add(published);
            }
        }
        List<StatsPoint> series = new ArrayList<>(minutes);
        int[] r = rooms.counts();
        int[] p = participants.counts();
        int[] pub = publishers.counts();
        int[] rec = recordings.counts();
        for (int m = 0; m < minutes; m++) {
            series.add(new StatsPoint(first + m * MINUTE, r[m], p[m], pub[m], rec[m]));
        }
        return List.copyOf(series);
    }

    /** Per-minute counts via a difference array: each add is one thing counted once per minute it covers. */
    private static final class Minutes {

        private final long first;
        private final int minutes;
        private final int[] diff;

        Minutes(long first, int minutes) {
            this.first = first;
            this.minutes = minutes;
            this.diff = new int[minutes + 1];
        }

        /** The minute indices [lo, hi] an interval covers (possibly outside the window). */
        long[] range(long start, long end) {
            long last = Math.max(end, start + 1) - 1;
            return new long[] {Math.floorDiv(start - first, MINUTE), Math.floorDiv(last - first, MINUTE)};
        }

        /** Counts one thing in every minute any of the ranges covers (overlaps counted once). */
        void add(List<long[]> ranges) {
            List<long[]> sorted = new ArrayList<>(ranges);
            sorted.sort(Comparator.comparingLong(range -> range[0]));
            long lo = Long.MIN_VALUE;
            long hi = Long.MIN_VALUE;
            for (long[] range : sorted) {
                if (lo != Long.MIN_VALUE && range[0] <= hi + 1) {
                    hi = Math.max(hi, range[1]);
                } else {
                    mark(lo, hi);
                    lo = range[0];
                    hi = range[1];
                }
            }
            mark(lo, hi);
        }

        private void mark(long lo, long hi) {
            if (lo == Long.MIN_VALUE) {
                return;
            }
            long from = Math.max(lo, 0);
            long to = Math.min(hi, minutes - 1);
            if (from <= to) {
                diff[(int) from]++;
                diff[(int) to + 1]--;
            }
        }

        int[] counts() {
            int[] counts = new int[minutes];
            int running = 0;
            for (int m = 0; m < minutes; m++) {
                running += diff[m];
                counts[m] = running;
            }
            return counts;
        }
    }
}
