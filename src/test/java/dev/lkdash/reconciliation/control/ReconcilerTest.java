package dev.lkdash.reconciliation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.reconciliation.entity.LiveKitListing;
import dev.lkdash.rooms.control.RoomProjection;
import dev.lkdash.rooms.control.WebhookEvents;
import dev.lkdash.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import livekit.LivekitModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    /** The fixture room started at 1767261600 s; Alice joined at 1767261605 s. */
    private static final long AN_HOUR_LATER = 1_767_265_200_000L;
    private static final Duration GRACE = Duration.ofSeconds(30);

    private RoomProjection state;
    private LivekitModels.Room standup;
    private LivekitModels.ParticipantInfo alice;

    @BeforeEach
    void standupWithAlice() throws Exception {
        state = new RoomProjection();
        for (String fixture : List.of("room_started", "participant_joined")) {
            state.apply(WebhookEvents.parse(new String(Fixtures.body(fixture), StandardCharsets.UTF_8), null, Instant.EPOCH));
        }
        standup = LivekitModels.Room.newBuilder().setSid("RM_standup0001").setName("daily-standup").setCreationTime(1_767_261_600L).build();
        alice = LivekitModels.ParticipantInfo.newBuilder().setSid("PA_alice000001").setIdentity("alice@example.com").setJoinedAt(1_767_261_605L).build();
    }

    @Test
    void nothingToCorrectWhenLiveKitListsWhatTheStateHolds() {
        assertTrue(Reconciler.corrections(state, listing(AN_HOUR_LATER, Map.of(standup, List.of(alice))), GRACE).isEmpty());
    }

    @Test
    void aRoomLiveKitNoLongerListsHasEnded() {
        List<Correction> corrections = Reconciler.corrections(state, listing(AN_HOUR_LATER, Map.of()), GRACE);
        assertEquals(1, corrections.size());
        Correction ended = corrections.get(0);
        assertEquals("room_ended", ended.action());
        assertEquals("room_finished", ended.event().getEvent());
        assertEquals("RM_standup0001", ended.event().getRoom().getSid());
        assertEquals("RC_room_finished_RM_standup0001", ended.event().getId(), "the same difference, the same id");
        assertEquals(AN_HOUR_LATER / 1000, ended.event().getCreatedAt());
    }

    @Test
    void aParticipantLiveKitNoLongerListsHasLeft() {
        List<Correction> corrections = Reconciler.corrections(state, listing(AN_HOUR_LATER, Map.of(standup, List.of())), GRACE);
        assertEquals(List.of("participant_vanished"), corrections.stream().map(Correction::action).toList());
        assertEquals("participant_left", corrections.get(0).event().getEvent());
        assertEquals("alice@example.com", corrections.get(0).event().getParticipant().getIdentity());
        assertEquals(LivekitModels.ParticipantInfo.State.DISCONNECTED, corrections.get(0).event().getParticipant().getState());
    }

    @Test
    void roomsAndParticipantsNeverAnnouncedAreDiscovered() {
        LivekitModels.Room other = LivekitModels.Room.newBuilder().setSid("RM_other").setName("other").setCreationTime(1_767_265_000L).build();
        LivekitModels.ParticipantInfo bob = LivekitModels.ParticipantInfo.newBuilder().setSid("PA_bob").setIdentity("bob").setJoinedAt(1_767_265_100L).build();
        List<Correction> corrections = Reconciler.corrections(state,
                listing(AN_HOUR_LATER, Map.of(standup, List.of(alice), other, List.of(bob))), GRACE);
        assertEquals(List.of("room_discovered", "participant_discovered"), corrections.stream().map(Correction::action).toList());
        assertEquals(1_767_265_000L, corrections.get(0).event().getCreatedAt(), "LiveKit's own creation time");
        assertEquals("other", corrections.get(1).event().getRoom().getName());
        assertEquals("PA_bob", corrections.get(1).event().getParticipant().getSid());
    }

    @Test
    void whatTheStateLearntWithinTheGraceIsNotTakenForGone() {
        long justAfterTheJoin = 1_767_261_605_000L + 10_000;
        assertTrue(Reconciler.corrections(state, listing(justAfterTheJoin, Map.of()), GRACE).isEmpty(),
                "a listing taken moments after the room started may simply not show it yet");
    }

    @Test
    void aFinishedRoomIsNotRevivedByAStaleListing() throws Exception {
        state.apply(WebhookEvents.parse(new String(Fixtures.body("room_finished"), StandardCharsets.UTF_8), null, Instant.EPOCH));
        assertTrue(Reconciler.corrections(state, listing(AN_HOUR_LATER, Map.of(standup, List.of(alice))), GRACE).isEmpty());
    }

    @Test
    void appliedCorrectionsConvergeTheState() {
        LivekitModels.Room other = LivekitModels.Room.newBuilder().setSid("RM_other").setName("other").setCreationTime(1_767_265_000L).build();
        LiveKitListing listing = listing(AN_HOUR_LATER, Map.of(other, List.of()));
        for (Correction correction : Reconciler.corrections(state, listing, GRACE)) {
            state.apply(new dev.lkdash.rooms.entity.ProjectedEvent(correction.event().getId(), correction.event(), null, Instant.EPOCH));
        }
        assertEquals(List.of("other"), state.activeRooms().stream().map(room -> room.name()).toList());
        assertTrue(Reconciler.corrections(state, listing, GRACE).isEmpty(), "a second round finds nothing");
    }

    private static LiveKitListing listing(long at, Map<LivekitModels.Room, List<LivekitModels.ParticipantInfo>> rooms) {
        Map<String, List<LivekitModels.ParticipantInfo>> byName = new java.util.TreeMap<>();
        rooms.forEach((room, participants) -> byName.put(room.getName(), participants));
        List<LivekitModels.Room> ordered = rooms.keySet().stream().sorted(java.util.Comparator.comparing(LivekitModels.Room::getName).reversed()).toList();
        return new LiveKitListing(at, ordered, byName);
    }
}
