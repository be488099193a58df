package dev.lkdash.guard.control;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per remote address: {@code perSecond} webhooks a second on average, bursts of
 * one second's worth. A rate of 0 turns the limit off.
 */
public final class AddressRateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Addresses idle this long are forgotten, which bounds the map. */
    private static final long IDLE_NANOS = 60 * NANOS_PER_SECOND;
    private static final int SWEEP_ABOVE = 10_000;

    private final double perSecond;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public AddressRateLimiter(double perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
    }

    public boolean isEnabled() {
        return perSecond > 0;
    }

    /** @return 0 when the request may go ahead, else the whole seconds to wait (at least 1) */
    public long acquire(String address) {
        if (!isEnabled()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.idleSince(now) > IDLE_NANOS);
        }
        return buckets.computeIfAbsent(address, ignored -> new Bucket(Math.max(1, perSecond), now)).take(now);
    }

    private final class Bucket {
        private final double capacity;
        private double tokens;
        private long refilledAt;

        Bucket(double capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perSecond / NANOS_PER_SECOND);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized long idleSince(long now) {
            return now - refilledAt;
        }
    }
}
