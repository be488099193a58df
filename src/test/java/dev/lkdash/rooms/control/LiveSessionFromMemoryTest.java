package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lkdash.rooms.entity.ProjectedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import livekit.LivekitIngress.IngressState.Status;
import livekit.LivekitModels;
import livekit.LivekitModels.ParticipantInfo.Kind;
import org.junit.jupiter.api.Test;

/**
 * A live session's next events are derived from what memory holds of it, room-name-only events
 * of its name after its start included: with its stored events made unreadable, the state still
 * follows each event exactly as a derivation from readable events does.
 */
class LiveSessionFromMemoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_100), ZoneOffset.UTC);
    private static final LivekitModels.Room ROOM = Events.room("RM_memory01", "memory-room", 1_000);
    private static final LivekitModels.ParticipantInfo ALICE = Events.participant("PA_alice01", "alice", Kind.STANDARD, 1_001);
    private static final LivekitModels.ParticipantInfo BOB = Events.participant("PA_bob0001", "bob", Kind.STANDARD, 1_040);

    @Test
    void aLiveSessionsEventsAndItsRoomNameOnlyEventsAreDerivedWithoutReadingItsStoredEvents() {
        List<ProjectedEvent> first = List.of(
                Events.roomStarted("EV_m1", 1_000, ROOM),
                Events.joined("EV_m2", 1_001, ROOM, ALICE),
                Events.ingress("EV_m3", "ingress_started", 1_010,
                        Events.ingressInfo("IN_memory1", ROOM.getName(), Status.ENDPOINT_PUBLISHING)));
        List<ProjectedEvent> then = List.of(
                Events.ingress("EV_m4", "ingress_started", 1_020,
                        Events.ingressInfo("IN_memory2", ROOM.getName(), Status.ENDPOINT_BUFFERING)),
                Events.joined("EV_m5", 1_040, ROOM, BOB),
                Events.ingress("EV_m6", "ingress_ended", 1_050,
                        Events.ingressInfo("IN_memory1", ROOM.getName(), Status.ENDPOINT_INACTIVE)));
        StoredProjection.derivedFromMemory(CLOCK, first, then, fromMemory -> {
            assertFalse(fromMemory.state().activeRooms().isEmpty(), "the session is live");
            assertEquals(2, fromMemory.state().activeRoom(ROOM.getName()).orElseThrow().ingress().size());
        });
    }
}
