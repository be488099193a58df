package dev.lkdash.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventIdMemoryTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final AtomicLong clock = new AtomicLong();

    private boolean claimAndComplete(EventIdMemory memory, String id) {
        boolean claimed = memory.claim(id, NO_WAIT);
        memory.complete(id);
        return claimed;
    }

    @Test
    void recognisesAnIdRecordedBefore() {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        assertTrue(claimAndComplete(memory, "EV_1"));
        assertFalse(memory.claim("EV_1", NO_WAIT));
        assertTrue(claimAndComplete(memory, "EV_2"));
    }

    @Test
    void forgetsIdsAfterTheRetention() {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        claimAndComplete(memory, "EV_1");
        clock.addAndGet(Duration.ofMinutes(5).toNanos());
        claimAndComplete(memory, "EV_2");
        clock.addAndGet(Duration.ofMinutes(5).toNanos());
        assertEquals(1, memory.size());
        assertTrue(memory.claim("EV_1", NO_WAIT), "EV_1 is ten minutes old and forgotten");
        assertFalse(memory.claim("EV_2", NO_WAIT), "EV_2 is five minutes old and remembered");
    }

    @Test
    void holdsAtMostItsBoundForgettingTheOldestFirst() {
        EventIdMemory memory = new EventIdMemory(3, Duration.ofMinutes(10), clock::get);
        for (int i = 1; i <= 5; i++) {
            claimAndComplete(memory, "EV_" + i);
        }
        assertEquals(3, memory.size());
        assertFalse(memory.claim("EV_5", NO_WAIT));
        assertFalse(memory.claim("EV_3", NO_WAIT));
        assertTrue(memory.claim("EV_1", NO_WAIT), "the oldest ids made room for newer ones");
    }

    @Test
    void aReleasedIdIsAcceptedAgain() {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        assertTrue(memory.claim("EV_1", NO_WAIT));
        memory.release("EV_1");
        assertTrue(memory.claim("EV_1", NO_WAIT));
    }

    @Test
    void aCopyArrivingWhileTheFirstIsInFlightWaitsForItsOutcome() throws Exception {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        assertTrue(memory.claim("EV_1", NO_WAIT));
        CompletableFuture<Boolean> retry = CompletableFuture.supplyAsync(() -> memory.claim("EV_1", WAIT));
        Thread.sleep(200);
        assertFalse(retry.isDone(), "not answered while the first copy is in flight");
        memory.complete("EV_1");
        assertFalse(retry.get(5, TimeUnit.SECONDS), "a duplicate once the first copy is recorded");

        assertTrue(memory.claim("EV_2", NO_WAIT));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> memory.claim("EV_2", WAIT));
        Thread.sleep(200);
        memory.release("EV_2");
        assertTrue(second.get(5, TimeUnit.SECONDS), "recorded by the retry when the first copy failed");
    }

    @Test
    void aCopyStillInFlightAfterTheWaitIsRefused() {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        assertTrue(memory.claim("EV_1", NO_WAIT));
        assertThrows(EventIdMemory.StillInFlight.class, () -> memory.claim("EV_1", Duration.ofMillis(50)));
    }

    @Test
    void anIdInFlightIsNeitherForgottenNorPushedOut() {
        EventIdMemory memory = new EventIdMemory(2, Duration.ofMinutes(10), clock::get);
        assertTrue(memory.claim("EV_1", NO_WAIT));
        clock.addAndGet(Duration.ofMinutes(20).toNanos());
        claimAndComplete(memory, "EV_2");
        claimAndComplete(memory, "EV_3");
        assertThrows(EventIdMemory.StillInFlight.class, () -> memory.claim("EV_1", Duration.ofMillis(50)));
    }
}
