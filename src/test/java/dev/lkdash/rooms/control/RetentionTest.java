package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.sessions.entity.SessionSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final long CUT = 1_000_000;

    private static SessionSummary session(String sid, long start, Long end) {
        return new SessionSummary(sid, "r", start, end, 0, 0, 0);
    }

    @Test
    void sessionsAreExpiredOrKeptWhole() {
        Retention retention = Retention.at(Instant.ofEpochMilli(CUT), List.of(
                session("RM_old", 10, CUT - 1),
                session("RM_long", 10, CUT + 5),
                session("RM_live", 10, null),
                session("RM_recent", CUT + 1, CUT + 10),
                session("RM_recentLive", CUT, null)));
        assertEquals(List.of("RM_old"), retention.expiredSids());
        assertEquals(List.of("RM_long", "RM_live"), retention.keptSids(),
                "sessions that started before the cutoff and are not over before it keep their old events");
    }
}
