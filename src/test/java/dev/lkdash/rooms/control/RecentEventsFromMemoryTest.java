package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.store.entity.RecordedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo.Kind;
import org.junit.jupiter.api.Test;

/**
 * Events stored recently are kept parsed: a full derivation that reaches them (here a session's
 * late events after its {@code room_finished}, when it is no longer live) derives exactly what a
 * derivation from readable stored events does, with its stored bodies made unreadable.
 */
class RecentEventsFromMemoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_100), ZoneOffset.UTC);
    private static final LivekitModels.Room ROOM = Events.room("RM_recent01", "recent-room", 1_000);
    private static final LivekitModels.ParticipantInfo ALICE = Events.participant("PA_alice01", "alice", Kind.STANDARD, 1_001);
    private static final LivekitModels.ParticipantInfo BOB = Events.participant("PA_bob0001", "bob", Kind.STANDARD, 1_002);

    @Test
    void lateEventsOfAFinishedSessionAreDerivedWithoutParsingItsStoredEventsAgain() {
        List<ProjectedEvent> first = List.of(
                Events.roomStarted("EV_r1", 1_000, ROOM),
                Events.joined("EV_r2", 1_001, ROOM, ALICE),
                Events.joined("EV_r3", 1_002, ROOM, BOB),
                Events.roomFinished("EV_r4", 1_060, ROOM));
        // LiveKit sent these before the room_finished; they arrive after it
        List<ProjectedEvent> late = List.of(
                Events.left("EV_r5", 1_050, ROOM, ALICE, DisconnectReason.CLIENT_INITIATED),
                Events.left("EV_r6", 1_055, ROOM, BOB, DisconnectReason.CLIENT_INITIATED));
        StoredProjection.derivedFromMemory(CLOCK, first, late, fromMemory ->
                assertTrue(fromMemory.state().activeRooms().isEmpty(), "the session ended"));
    }

    @Test
    void anEventIsParsedOnceButAgainWhenItsRowIsAnotherOne() {
        SessionCache cache = new SessionCache(1);
        AtomicInteger parses = new AtomicInteger();
        RecordedEvent row = new RecordedEvent("EV_p1", "room_started", ROOM.getSid(), ROOM.getName(), 1_000_000L,
                Events.RECEIVED.toEpochMilli(), "{}");
        ProjectedEvent parsed = Events.roomStarted("EV_p1", 1_000, ROOM);
        ProjectedEvent first = cache.parsed(row, r -> {
            parses.incrementAndGet();
            return parsed;
        });
        ProjectedEvent again = cache.parsed(row, r -> {
            parses.incrementAndGet();
            return Events.roomStarted("EV_p1", 1_000, ROOM);
        });
        assertSame(first, again);
        assertEquals(1, parses.get());
        // the same id received again later (its first copy pruned long ago) is another row
        RecordedEvent retried = new RecordedEvent("EV_p1", "room_started", ROOM.getSid(), ROOM.getName(), 1_000_000L,
                first.receivedAt().toEpochMilli() + 1, "{}");
        assertNotSame(first, cache.parsed(retried, r -> {
            parses.incrementAndGet();
            return Events.roomStarted("EV_p1", 1_000, ROOM);
        }));
        assertEquals(2, parses.get());
    }
}
