package dev.lkdash.auth.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The brute-force limit of the login: after {@code maxFailures} failed logins for one user name,
 * or from one address, within the window, further attempts for it are refused until the oldest
 * of those failures leaves the window (a sliding window). A success clears its user name's count,
 * not its address's. Counted in memory, per instance.
 */
public final class LoginThrottle {

    /** Above this many tracked keys, keys without a failure in the window are dropped. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxFailures;
    private final long windowMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Seconds until the address may try again (at least 1), or 0 when it may now. */
    public long addressWait(String address) {
        return wait(addressKey(address));
    }

    /** Seconds until the user name may be tried again (at least 1), or 0 when it may now. */
    public long usernameWait(String username) {
        return wait(usernameKey(username));
    }

    public void failed(String username, String address) {
        long now = clock.getAsLong();
        if (failures.size() > SWEEP_ABOVE) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
        record(usernameKey(username), now);
        record(addressKey(address), now);
    }

    public void succeeded(String username) {
        failures.remove(usernameKey(username));
    }

    private void record(String key, long now) {
        Deque<Long> times = failures.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    private long wait(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.getAsLong();
        synchronized (times) {
            prune(times, now);
            if (times.size() < maxFailures) {
                return 0;
            }
            long freeAt = times.peekFirst() + windowMillis;
            return Math.max(1, (freeAt - now + 999) / 1000);
        }
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }

    /** User names compare case-insensitively here, so changing case does not buy more attempts. */
    private static String usernameKey(String username) {
        return "u:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
