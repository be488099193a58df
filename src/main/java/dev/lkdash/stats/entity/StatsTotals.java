package dev.lkdash.stats.entity;

/**
 * Totals over the active rooms, with the rooms' derived counts.
 *
 * @param participants sum of {@code numParticipants}
 * @param publishers   sum of {@code numPublishers}
 * @param recordings   rooms with {@code activeRecording}
 */
public record StatsTotals(int activeRooms, int participants, int publishers, int recordings) {
}
