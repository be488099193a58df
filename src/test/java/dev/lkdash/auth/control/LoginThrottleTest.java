package dev.lkdash.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(10, Duration.ofMinutes(15), now::get);

    @Test
    void tenFailuresForAUserNameLockItUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 10; i++) {
            assertEquals(0, throttle.usernameWait("alice"));
            throttle.failed("alice", "10.0.0." + i);
            now.addAndGet(1_000);
        }
        assertEquals(15 * 60 - 10, throttle.usernameWait("alice"));
        assertEquals(15 * 60 - 10, throttle.usernameWait("ALICE"), "case does not buy attempts");
        assertEquals(0, throttle.addressWait("10.0.0.1"));
        now.addAndGet(15 * 60 * 1000 - 10_000);
        assertEquals(0, throttle.usernameWait("alice"), "the oldest failure left the window");
    }

    @Test
    void tenFailuresFromAnAddressLockIt() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertEquals(15 * 60, throttle.addressWait("192.0.2.7"));
        assertEquals(0, throttle.addressWait("192.0.2.8"));
        assertEquals(0, throttle.usernameWait("user1"));
    }

    @Test
    void aSuccessClearsItsUserNameButNotItsAddress() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("bob", "192.0.2.9");
        }
        throttle.succeeded("bob");
        assertEquals(0, throttle.usernameWait("bob"));
        assertEquals(15 * 60, throttle.addressWait("192.0.2.9"));
    }
}
