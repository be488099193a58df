package dev.lkdash.guard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.platform.LogText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    @Test
    void oneLinePerReasonPerIntervalWithTheCountLeftOut() {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        RefusalLog log = new RefusalLog(60, clock::get, lines::add);
        for (int i = 0; i < 1000; i++) {
            log.refused("rate_limited", "from 10.0.0." + i);
        }
        log.refused("too_many_streams", "from 10.0.0.1");
        assertEquals(2, lines.size(), lines.toString());
        clock.addAndGet(60);
        log.refused("rate_limited", "from 10.0.0.1");
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).contains("999 more"), lines.get(2));
    }

    @Test
    void clientTextIsEscapedAndCut() {
        assertEquals("a\\u000aforged line\\u001b[31m", LogText.of("a\nforged line\u001b[31m"));
        assertTrue(LogText.of("x".repeat(10_000)).endsWith("…(10000 chars)"));
        assertEquals("-", LogText.of(null));
    }

    @Test
    void streamSlotsAreCappedPerAddressAndGivenBack() {
        StreamSlots slots = new StreamSlots(2);
        assertTrue(slots.take("a"));
        assertTrue(slots.take("a"));
        assertTrue(!slots.take("a"));
        assertTrue(slots.take("b"));
        slots.giveBack("a");
        assertTrue(slots.take("a"));
        assertTrue(new StreamSlots(0).take("a"), "0 is no cap");
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins() {
        CorsPolicy cors = new CorsPolicy(java.util.Set.of("https://ops.example.com/"));
        assertTrue(cors.allows("https://OPS.example.com"));
        assertTrue(!cors.allows("https://ops.example.com.evil.example"));
        assertTrue(!cors.allows(null));
        assertTrue(new CorsPolicy(java.util.Set.of()).isOff());
        assertTrue(CorsPolicy.isOrigin("http://localhost:5173"));
        assertTrue(!CorsPolicy.isOrigin("*"));
        assertTrue(!CorsPolicy.isOrigin("https://x.example/path"));
    }
}
