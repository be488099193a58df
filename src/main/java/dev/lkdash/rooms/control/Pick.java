package dev.lkdash.rooms.control;

/**
 * A value chosen from many events by a commutative rule: the one with the highest source
 * priority, then the latest {@link EventKey}. Offering the same events in any order leaves the
 * same value.
 */
final class Pick<T> {

    private int priority = Integer.MIN_VALUE;
    private EventKey key;
    private T value;

    void offer(int offeredPriority, EventKey offeredKey, T offered) {
        if (key == null || offeredPriority > priority
                || (offeredPriority == priority && offeredKey.isAfter(key))) {
            priority = offeredPriority;
            key = offeredKey;
            value = offered;
        }
    }

    T value() {
        return value;
    }

    T valueOr(T fallback) {
        return value == null ? fallback : value;
    }

    boolean isPresent() {
        return value != null;
    }
}
