package dev.lkdash.stats.control;

import dev.lkdash.stats.entity.StatsTotals;

/** What the live rooms add up to now: the overview's current totals, provided by the rooms component. */
public interface LiveTotals {

    StatsTotals liveTotals();
}
