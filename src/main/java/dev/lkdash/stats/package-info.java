/**
 * Stats component: the overview's current totals and per-minute series (active rooms,
 * participants, publishers, rooms recording), computed from the session history the room
 * projection keeps, so they need no sampling and survive a restart.
 */
package dev.lkdash.stats;
