package dev.lkdash.guard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressRateLimiterTest {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void allowsOneSecondsWorthThenAsksToWait() {
        AddressRateLimiter limiter = new AddressRateLimiter(5, clock::get);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.acquire("10.0.0.1"));
        }
        assertEquals(1, limiter.acquire("10.0.0.1"));
        assertEquals(0, limiter.acquire("10.0.0.2"), "addresses have their own budget");
        clock.addAndGet(200_000_000L);
        assertEquals(0, limiter.acquire("10.0.0.1"), "a fifth of a second refills one token at 5/s");
    }

    @Test
    void retryAfterCoversTheWaitForSlowRates() {
        AddressRateLimiter limiter = new AddressRateLimiter(0.25, clock::get);
        assertEquals(0, limiter.acquire("a"));
        long wait = limiter.acquire("a");
        assertTrue(wait >= 4 - 1 && wait <= 4, "about four seconds at 0.25/s, got " + wait);
    }

    @Test
    void zeroTurnsTheLimitOff() {
        AddressRateLimiter limiter = new AddressRateLimiter(0, clock::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, limiter.acquire("a"));
        }
    }
}
