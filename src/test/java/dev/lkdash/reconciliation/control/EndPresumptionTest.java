package dev.lkdash.reconciliation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.rooms.entity.QuietRoom;
import dev.lkdash.sessions.control.SessionHistory;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import livekit.LivekitModels;
import livekit.LivekitModels.ParticipantInfo.Kind;
import livekit.LivekitWebhook.WebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presuming the end of quiet rooms, on a real room state (H2) and with a fixed clock: when a room
 * counts as quiet, when its end is presumed, and that a real {@code room_finished} still wins.
 */
class EndPresumptionTest {

    /** The room's creation, s. */
    private static final long T0 = 1_767_300_000L;
    private static final LivekitModels.Room ROOM = LivekitModels.Room.newBuilder().setSid("RM_quiet").setName("quiet")
            .setCreationTime(T0).setEmptyTimeout(300).setDepartureTimeout(20).setMetadata("m").build();
    private static final LivekitModels.ParticipantInfo ALICE = LivekitModels.ParticipantInfo.newBuilder()
            .setSid("PA_alice").setIdentity("alice").setKind(Kind.STANDARD).setJoinedAt(T0 + 5).build();
    private static final LivekitModels.ParticipantInfo AGENT = LivekitModels.ParticipantInfo.newBuilder()
            .setSid("PA_agent").setIdentity("agent").setKind(Kind.AGENT).setJoinedAt(T0 + 6).build();

    private TestDatabase db;
    private RoomState rooms;
    private MessageJournal journal;

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        rooms = new RoomState(db.database, Clock.systemUTC());
        journal = new MessageJournal(100);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Clock at(long seconds) {
        return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    private void record(String id, String name, long createdAt, LivekitModels.ParticipantInfo participant) {
        WebhookEvent.Builder event = WebhookEvent.newBuilder().setId(id).setEvent(name).setCreatedAt(createdAt)
                .setRoom(ROOM);
        if (participant != null) {
            event.setParticipant(participant);
        }
        try {
            rooms.record(new LiveKitEvent(event.build(), null, id),
                    JsonFormat.printer().print(event).getBytes(StandardCharsets.UTF_8), createdAt * 1000);
        } catch (com.google.protobuf.InvalidProtocolBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The room started, Alice (and an agent) joined, Alice left at T0 + 60. */
    private void aliceCameAndWent() {
        record("EV_0", "room_started", T0, null);
        record("EV_1", "participant_joined", T0 + 5, ALICE);
        record("EV_2", "participant_joined", T0 + 6, AGENT);
        record("EV_3", "participant_left", T0 + 60, ALICE);
    }

    private EndPresumption presumption(boolean reconciling, Clock clock) {
        return presumption(reconciling, true, clock);
    }

    private EndPresumption presumption(boolean reconciling, boolean presumeEnded, Clock clock) {
        CorrectionRecorder recorder = new CorrectionRecorder();
        recorder.rooms = rooms;
        recorder.journal = journal;
        EndPresumption presumption = new EndPresumption();
        presumption.reconciliation = new Reconciliation() {
            @Override
            public boolean isEnabled() {
                return reconciling;
            }
        };
        presumption.presumeEnded = presumeEnded;
        presumption.rooms = rooms;
        presumption.recorder = recorder;
        presumption.clock = clock;
        return presumption;
    }

    private SessionDetail session() {
        return new SessionHistory(db.database, Clock.systemUTC()).find("RM_quiet").orElseThrow();
    }

    @Test
    void aRoomLeftToItsAgentIsPresumedEndedItsDepartureTimeoutAfterTheLastLeave() {
        aliceCameAndWent();
        List<QuietRoom> quiet = rooms.quietRooms();
        assertEquals(List.of(new QuietRoom("RM_quiet", "quiet", T0 * 1000, (T0 + 60) * 1000, (T0 + 60) * 1000,
                (T0 + 60) * 1000, 300, 20)), quiet, "agents do not hold a room open, as in LiveKit");

        assertEquals(List.of(), PresumedEnds.corrections(quiet, at(T0 + 60 + 319)), "quiet for less than 300 + 20 s");
        List<Correction> corrections = PresumedEnds.corrections(quiet, at(T0 + 60 + 320));
        assertEquals(1, corrections.size());
        WebhookEvent event = corrections.get(0).event();
        assertEquals("room_presumed_ended", event.getEvent());
        assertEquals(T0 + 80, event.getCreatedAt(), "LiveKit closes it departureTimeout after the last leave");
        assertEquals("RC_room_presumed_ended_RM_quiet_" + (T0 + 80), event.getId());
        assertEquals(LivekitModels.Room.newBuilder().setSid("RM_quiet").setName("quiet").build(), event.getRoom());

        presumption(false, at(T0 + 60 + 320)).run();
        SessionDetail ended = session();
        assertEquals((T0 + 80) * 1000, ended.endedAt());
        assertEquals("presumed_ended", ended.endedBy());
        assertEquals("presumed_ended", ended.participants().get(1).endedBy(), "the agent ends with the room");
        assertEquals(List.of(), rooms.activeRooms());
        assertEquals(List.of(), rooms.quietRooms());
        DashboardMessage message = journal.at(journal.head());
        assertTrue(message.json().contains("\"type\":\"system\""), message.json());
        assertTrue(message.json().contains("\"event\":\"reconciliation\""), message.json());
        assertTrue(message.json().contains("\"action\":\"room_presumed_ended\""), message.json());
        assertTrue(message.json().contains("\"roomSummary\":{"), message.json());

        long head = journal.head();
        presumption(false, at(T0 + 60 + 400)).run();
        assertEquals(head, journal.head(), "an ended room is not presumed ended again");
    }

    @Test
    void aRealRoomFinishedArrivingLaterWins() {
        aliceCameAndWent();
        presumption(false, at(T0 + 1000)).run();
        assertEquals("presumed_ended", session().endedBy());

        record("EV_9", "room_finished", T0 + 70, null);
        assertEquals((T0 + 70) * 1000, session().endedAt());
        assertEquals("room_finished", session().endedBy());
    }

    @Test
    void someoneInTheRoomKeepsItOpen() {
        record("EV_0", "room_started", T0, null);
        record("EV_1", "participant_joined", T0 + 5, ALICE);
        assertEquals(List.of(), rooms.quietRooms());
        presumption(false, at(T0 + 100_000)).run();
        assertEquals(1, rooms.activeRooms().size());
    }

    @Test
    void withReconciliationRunningNothingIsPresumed() {
        aliceCameAndWent();
        presumption(true, at(T0 + 100_000)).run();
        assertEquals(1, rooms.activeRooms().size());
        assertEquals(0, journal.head());
    }

    @Test
    void turnedOffNothingIsPresumed() {
        aliceCameAndWent();
        presumption(false, false, at(T0 + 100_000)).run();
        assertEquals(1, rooms.activeRooms().size());
        assertEquals(0, journal.head());
    }

    @Test
    void aRoomNobodyJoinedEndsItsEmptyTimeoutAfterItsCreation() {
        QuietRoom empty = new QuietRoom("RM_e", "e", T0 * 1000, T0 * 1000, T0 * 1000, null, 60, 20);
        assertEquals(List.of(), PresumedEnds.corrections(List.of(empty), Clock.fixed(
                Instant.ofEpochMilli((T0 + 80) * 1000 - 1), ZoneOffset.UTC)));
        assertEquals(T0 + 60, PresumedEnds.corrections(List.of(empty), at(T0 + 80)).get(0).event().getCreatedAt());
    }

    @Test
    void livekitsDefaultsStandInForTimeoutsTheEventsLack() {
        QuietRoom unknown = new QuietRoom("RM_u", "u", T0 * 1000, (T0 + 60) * 1000, (T0 + 60) * 1000,
                (T0 + 60) * 1000, 0, 0);
        assertEquals(List.of(), PresumedEnds.corrections(List.of(unknown), at(T0 + 60 + 319)));
        assertEquals(T0 + 80, PresumedEnds.corrections(List.of(unknown), at(T0 + 60 + 320)).get(0).event()
                .getCreatedAt());
    }

    @Test
    void thePresumedEndFollowsTheRoomsLastEvent() {
        // an agent joined 40 s after the last leave: a presumption before its join would be void
        QuietRoom late = new QuietRoom("RM_l", "l", T0 * 1000, (T0 + 100) * 1000 + 500, (T0 + 100) * 1000 + 500,
                (T0 + 60) * 1000, 300, 20);
        assertEquals(T0 + 101, PresumedEnds.corrections(List.of(late), at(T0 + 1000)).get(0).event().getCreatedAt());
    }
}
