package dev.lkdash.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import dev.lkdash.sessions.entity.SessionPage;
import dev.lkdash.sessions.entity.SessionQuery;
import dev.lkdash.sessions.entity.SessionSummary;
import livekit.LivekitModels;
import livekit.LivekitWebhook;

/** The session history read from the read model (H2), with events recorded as the webhook endpoint does. */
class SessionHistoryTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);

    TestDatabase db;
    RoomState state;
    SessionHistory history;

    void record(String id, String name, String sid, String room, long t) {
        LivekitWebhook.WebhookEvent e = LivekitWebhook.WebhookEvent.newBuilder().setId(id).setEvent(name)
                .setCreatedAt(t).setRoom(LivekitModels.Room.newBuilder().setSid(sid).setName(room).setCreationTime(
                        Long.parseLong(sid.substring(sid.lastIndexOf('_') + 1)))).build();
        try {
            state.record(new LiveKitEvent(e, null, id), JsonFormat.printer().print(e).getBytes(StandardCharsets.UTF_8),
                    CLOCK.millis());
        } catch (InvalidProtocolBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @BeforeEach
    void sessions() {
        db = TestDatabase.h2();
        state = new RoomState(db.database, CLOCK);
        history = new SessionHistory(db.database, CLOCK);
        // rooms a and b, sessions started at 1000, 2000, … ; the last of each is live
        long[] starts = {1000, 2000, 3000, 4000, 5000, 6000, 7000};
        for (int i = 0; i < starts.length; i++) {
            String room = i % 2 == 0 ? "a" : "b";
            String sid = "RM_" + room + "_" + starts[i];
            record("EV_s" + i, "room_started", sid, room, starts[i]);
            if (i < starts.length - 2) {
                record("EV_f" + i, "room_finished", sid, room, starts[i] + 500);
            }
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    static List<Long> starts(SessionPage page) {
        return page.items().stream().map(SessionSummary::startedAt).toList();
    }

    @Test
    void newestFirstInPages() {
        SessionPage first = history.page(SessionQuery.firstPage(3));
        assertEquals(List.of(7000_000L, 6000_000L, 5000_000L), starts(first));
        assertNull(first.items().get(0).endedAt(), "live");
        assertEquals(5500_000L, first.items().get(2).endedAt());
        SessionPage second = history.page(new SessionQuery(null, null, null, 3, first.nextCursor()));
        assertEquals(List.of(4000_000L, 3000_000L, 2000_000L), starts(second));
        SessionPage last = history.page(new SessionQuery(null, null, null, 3, second.nextCursor()));
        assertEquals(List.of(1000_000L), starts(last));
        assertNull(last.nextCursor());
    }

    @Test
    void aSessionStartingBetweenPagesNeitherRepeatsNorSkips() {
        SessionPage first = history.page(SessionQuery.firstPage(2));
        record("EV_new", "room_started", "RM_c_8000", "c", 8000);
        List<Long> seen = new ArrayList<>(starts(first));
        String cursor = first.nextCursor();
        while (cursor != null) {
            SessionPage page = history.page(new SessionQuery(null, null, null, 2, cursor));
            seen.addAll(starts(page));
            cursor = page.nextCursor();
        }
        assertEquals(List.of(7000_000L, 6000_000L, 5000_000L, 4000_000L, 3000_000L, 2000_000L, 1000_000L), seen);
    }

    @Test
    void filterByRoomAndStartTime() {
        assertEquals(List.of(7000_000L, 5000_000L, 3000_000L, 1000_000L),
                starts(history.page(new SessionQuery("a", null, null, 0, null))));
        assertEquals(List.of(5000_000L, 4000_000L, 3000_000L),
                starts(history.page(new SessionQuery(null, 3000_000L, 6000_000L, 10, null))), "from inclusive, to exclusive");
        assertEquals(List.of(6000_000L, 4000_000L),
                starts(history.page(new SessionQuery("b", 3000_000L, null, 10, null))));
        assertTrue(history.page(new SessionQuery("nope", null, null, 10, null)).items().isEmpty());
    }

    @Test
    void limitsAndCursorsAreChecked() {
        assertEquals(SessionQuery.DEFAULT_LIMIT, new SessionQuery(null, null, null, 0, null).effectiveLimit());
        assertEquals(SessionQuery.MAX_LIMIT, new SessionQuery(null, null, null, 100_000, null).effectiveLimit());
        assertThrows(IllegalArgumentException.class,
                () -> history.page(new SessionQuery(null, null, null, 2, "not-a-cursor")));
        assertEquals("RM_a_1000", history.find("RM_a_1000").orElseThrow().sid());
        assertTrue(history.find("RM_missing").isEmpty());
    }
}
