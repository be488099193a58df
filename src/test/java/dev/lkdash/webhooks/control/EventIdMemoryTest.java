package dev.lkdash.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventIdMemoryTest {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void recognisesAnIdClaimedBefore() {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        assertTrue(memory.claim("EV_1"));
        assertFalse(memory.claim("EV_1"));
        assertTrue(memory.claim("EV_2"));
    }

    @Test
    void forgetsIdsAfterTheRetention() {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        memory.claim("EV_1");
        clock.addAndGet(Duration.ofMinutes(5).toNanos());
        memory.claim("EV_2");
        clock.addAndGet(Duration.ofMinutes(5).toNanos());
        assertEquals(1, memory.size());
        assertTrue(memory.claim("EV_1"), "EV_1 is ten minutes old and forgotten");
        assertFalse(memory.claim("EV_2"), "EV_2 is five minutes old and remembered");
    }

    @Test
    void holdsAtMostItsBoundForgettingTheOldestFirst() {
        EventIdMemory memory = new EventIdMemory(3, Duration.ofMinutes(10), clock::get);
        for (int i = 1; i <= 5; i++) {
            memory.claim("EV_" + i);
        }
        assertEquals(3, memory.size());
        assertFalse(memory.claim("EV_5"));
        assertFalse(memory.claim("EV_3"));
        assertTrue(memory.claim("EV_1"), "the oldest ids made room for newer ones");
    }

    @Test
    void aReleasedIdIsAcceptedAgain() {
        EventIdMemory memory = new EventIdMemory(10, Duration.ofMinutes(10), clock::get);
        assertTrue(memory.claim("EV_1"));
        memory.release("EV_1");
        assertTrue(memory.claim("EV_1"));
    }
}
