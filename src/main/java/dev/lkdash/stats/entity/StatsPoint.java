package dev.lkdash.stats.entity;

/**
 * One minute of the series: what was active at any time in [t, t + 60 s).
 *
 * @param t            the minute's start, ms
 * @param activeRooms  room sessions live during the minute
 * @param participants participant sessions present during the minute (every kind but EGRESS)
 * @param publishers   of those, the ones with a published track during the minute
 * @param recordings   room sessions with an egress running during the minute
 */
public record StatsPoint(long t, int activeRooms, int participants, int publishers, int recordings) {
}
