package dev.lkdash.stats.entity;

/** What counts in one minute, or from one minute on; the columns of a {@link StatsPoint}. */
public record MinuteCounts(int rooms, int participants, int publishers, int recordings) {

    public static final MinuteCounts NONE = new MinuteCounts(0, 0, 0, 0);

    public MinuteCounts plus(MinuteCounts other) {
        return new MinuteCounts(rooms + other.rooms, participants + other.participants,
                publishers + other.publishers, recordings + other.recordings);
    }
}
