package dev.lkdash.stats.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lkdash.platform.ApiException;
import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.TrackSession;
import dev.lkdash.stats.entity.StatsPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewStatsTest {

    private static final long M = 60_000;
    /** Window start: minute 0. */
    private static final long T0 = 1_767_261_600_000L;

    private static SessionDetail session(String sid, long start, Long end, List<ParticipantSession> participants,
                                         List<EgressView> egress) {
        return new SessionDetail(sid, "room-" + sid, start, end, end == null ? null : "room_finished", 0, 0, 0, "",
                participants, egress, List.of(), List.of(), List.of());
    }

    private static ParticipantSession participant(String sid, String kind, long joined, Long left,
                                                  TrackSession... tracks) {
        return new ParticipantSession(sid, sid, sid, kind, joined, left, 0, null, null, List.of(tracks));
    }

    private static TrackSession track(Long published, Long unpublished) {
        return new TrackSession("TR", "AUDIO", "MICROPHONE", "mic", false, 0, 0, false, "", published, unpublished);
    }

    private static List<Integer> column(List<StatsPoint> series, java.util.function.ToIntFunction<StatsPoint> f) {
        return series.stream().map(point -> f.applyAsInt(point)).toList();
    }

    @Test
    void pointsAreMinuteStartsOldestFirstEndingWithTheCurrentMinute() {
        long now = T0 + 4 * M + 30_000;
        long first = OverviewStats.firstMinute(now, 5);
        assertEquals(T0, first);
        List<StatsPoint> series = OverviewStats.series(List.of(), first, 5, now);
        assertEquals(List.of(T0, T0 + M, T0 + 2 * M, T0 + 3 * M, T0 + 4 * M),
                series.stream().map(StatsPoint::t).toList());
        assertEquals(List.of(0, 0, 0, 0, 0), column(series, StatsPoint::activeRooms));
    }

    @Test
    void anIntervalCountsInEveryMinuteItOverlaps() {
        long now = T0 + 9 * M;
        SessionDetail ended = session("A", T0 + M + 5_000, T0 + 3 * M + 1_000, List.of(), List.of());
        SessionDetail live = session("B", T0 + 6 * M, null, List.of(), List.of());
        SessionDetail before = session("C", T0 - 30 * M, T0 - 20 * M, List.of(), List.of());
        List<StatsPoint> series = OverviewStats.series(List.of(ended, live, before), T0, 10, now);
        assertEquals(List.of(0, 1, 1, 1, 0, 0, 1, 1, 1, 1), column(series, StatsPoint::activeRooms));
    }

    @Test
    void aSessionOfMonthsKeepsTheMinutesALongestWindowCanShowWhenItEnds() {
        long end = T0 + 300L * 24 * 60 * M;
        SessionDetail s = session("A", T0, end, List.of(participant("PA_long", "STANDARD", T0, end)), List.of());
        MinuteCoverage coverage = MinuteCoverage.of(s);
        assertEquals(25 * 60 + 1, coverage.closed().size(), "a day and an hour of minutes, not 300 days");
        long dayBeforeEnd = end - StatsWindow.H24.minutes * M;
        List<StatsPoint> lastDay = OverviewStats.series(List.of(s), dayBeforeEnd, StatsWindow.H24.minutes, end);
        assertEquals(StatsWindow.H24.minutes, column(lastDay, StatsPoint::activeRooms).stream().filter(n -> n == 1).count(),
                "the 24 h window at its end still shows it in every minute");
        assertEquals(StatsWindow.H24.minutes, column(lastDay, StatsPoint::participants).stream().filter(n -> n == 1).count());
    }

    @Test
    void anIntervalEndingOnAMinuteBoundaryDoesNotCountInTheNextMinute() {
        SessionDetail s = session("A", T0, T0 + 2 * M, List.of(), List.of());
        assertEquals(List.of(1, 1, 0), column(OverviewStats.series(List.of(s), T0, 3, T0 + 2 * M), StatsPoint::activeRooms));
    }

    @Test
    void aStayOfSecondsShowsInItsMinute() {
        SessionDetail s = session("A", T0, T0 + 5 * M, List.of(
                participant("PA_short", "STANDARD", T0 + 2 * M + 10_000, T0 + 2 * M + 10_000)), List.of());
        assertEquals(List.of(0, 0, 1, 0, 0), column(OverviewStats.series(List.of(s), T0, 5, T0 + 5 * M),
                StatsPoint::participants));
    }

    @Test
    void publishersCountOncePerMinuteWhateverTheirTracksAndEgressParticipantsAreNotCounted() {
        long now = T0 + 6 * M;
        ParticipantSession alice = participant("PA_alice", "STANDARD", T0, null,
                track(T0 + M, T0 + 2 * M + 20_000), track(T0 + 2 * M + 40_000, null), track(null, T0 + 30_000));
        ParticipantSession bob = participant("PA_bob", "STANDARD", T0 + 3 * M, T0 + 4 * M);
        ParticipantSession recorder = participant("PA_rec", "EGRESS", T0, null, track(T0, null));
        SessionDetail s = session("A", T0, null, List.of(alice, bob, recorder), List.of());
        List<StatsPoint> series = OverviewStats.series(List.of(s), T0, 7, now);
        assertEquals(List.of(1, 1, 1, 2, 1, 1, 1), column(series, StatsPoint::participants));
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1), column(series, StatsPoint::publishers),
                "alice publishes throughout (her first track from her join), counted once per minute");
    }

    @Test
    void recordingsCountRoomsWithARunningEgress() {
        long now = T0 + 5 * M;
        EgressView done = new EgressView("EG_1", "A", "room-A", "EGRESS_COMPLETE", false, T0 + M, T0 + 2 * M, null);
        EgressView overlapping = new EgressView("EG_2", "A", "room-A", "EGRESS_ACTIVE", true, T0 + M + 1_000, null, null);
        EgressView neverStarted = new EgressView("EG_3", "A", "room-A", "EGRESS_FAILED", false, null, null, "boom");
        SessionDetail s = session("A", T0, null, List.of(), List.of(done, overlapping, neverStarted));
        assertEquals(List.of(0, 1, 1, 1, 1, 1), column(OverviewStats.series(List.of(s), T0, 6, now),
                StatsPoint::recordings), "two egresses of one room count as one room recording");
    }

    @Test
    void windowsAreParsedAndOthersRefused() {
        assertEquals(StatsWindow.H1, StatsWindow.parse(null));
        assertEquals(StatsWindow.M15, StatsWindow.parse("15m"));
        assertEquals(1440, StatsWindow.parse("24h").minutes);
        ApiException refused = assertThrows(ApiException.class, () -> StatsWindow.parse("2h"));
        assertEquals("bad_parameter", refused.code());
        assertEquals(400, refused.getResponse().getStatus());
    }
}
