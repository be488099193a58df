/**
 * Stats component: the overview's current totals (over the live rooms) and per-minute series
 * (active rooms, participants, publishers, rooms recording), read from per-minute buckets that
 * each session's history adds to, so they need no sampling, survive a restart and cost the same
 * whatever the history.
 */
package dev.lkdash.stats;
