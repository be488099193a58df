package dev.lkdash.stats.entity;

import java.util.List;

/**
 * {@code GET /api/stats/overview}.
 *
 * @param window  the window asked for ({@code 15m}, {@code 1h}, {@code 6h}, {@code 24h})
 * @param current totals now
 * @param series  one point per minute, oldest first; the last one is the current minute
 */
public record StatsOverview(String window, StatsTotals current, List<StatsPoint> series) {
}
