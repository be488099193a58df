package dev.lkdash.rooms.control;

/**
 * The canonical total order of events: LiveKit's {@code createdAt} (ms, 1-second resolution),
 * then the event type's causal rank ({@link EventType}), then the event id. It depends only on
 * the event itself, never on arrival, so "the latest" or "the earliest" of a set of events is
 * the same whatever order they were applied in.
 */
record EventKey(long time, int rank, String eventId) implements Comparable<EventKey> {

    @Override
    public int compareTo(EventKey other) {
        int c = Long.compare(time, other.time);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(rank, other.rank);
        return c != 0 ? c : eventId.compareTo(other.eventId);
    }

    boolean isAfter(EventKey other) {
        return compareTo(other) > 0;
    }
}
