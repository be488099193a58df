package dev.lkdash.rooms.control;

import static dev.lkdash.rooms.control.Events.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.sessions.entity.SessionSummary;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitModels;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo.Kind;

/** numParticipants, numPublishers, activeRecording, peak and total: derived, never copied. */
class DerivedCountsTest {

    static final LivekitModels.Room ROOM = room("RM_x", "x", 1000);
    static final LivekitModels.Room OTHER = room("RM_y", "y", 1000);

    static RoomSummary summary(RoomProjection projection) {
        return projection.roomSummary("RM_x").orElseThrow();
    }

    @Test
    void everyKindButTheRecorderCounts() {
        RoomProjection projection = new RoomProjection(FixtureSessionTest.CLOCK);
        Kind[] kinds = {Kind.STANDARD, Kind.AGENT, Kind.SIP, Kind.INGRESS, Kind.EGRESS};
        for (int i = 0; i < kinds.length; i++) {
            projection.apply(joined("EV_" + i, 1001 + i, ROOM, participant("PA_" + i, "p" + i, kinds[i], 1001 + i)));
        }
        assertEquals(4, summary(projection).numParticipants());
        assertEquals(List.of("STANDARD", "AGENT", "SIP", "INGRESS", "EGRESS"), projection.activeRoom("x")
                .orElseThrow().participants().stream().map(ParticipantView::kind).toList(), "all are listed");
        SessionSummary s = projection.sessions().get(0);
        assertEquals(4, s.peakParticipants());
        assertEquals(4, s.totalParticipants());
    }

    @Test
    void liveKitsOwnCountsAreIgnored() {
        LivekitModels.Room lying = ROOM.toBuilder().setNumParticipants(42).setNumPublishers(17)
                .setActiveRecording(true).build();
        RoomProjection projection = new RoomProjection(FixtureSessionTest.CLOCK);
        projection.apply(joined("EV_1", 1001, lying, participant("PA_1", "p1", Kind.STANDARD, 1001)));
        assertEquals(new RoomSummary("RM_x", "x", 1, 0, 1000_000, "{\"room\":\"x\"}", false), summary(projection));
    }

    @Test
    void publishersHaveALiveTrackMutedOrNot() {
        LivekitModels.ParticipantInfo a = participant("PA_a", "a", Kind.STANDARD, 1001);
        LivekitModels.ParticipantInfo b = participant("PA_b", "b", Kind.STANDARD, 1001);
        LivekitModels.ParticipantInfo c = participant("PA_c", "c", Kind.STANDARD, 1001);
        LivekitModels.ParticipantInfo rec = participant("PA_r", "r", Kind.EGRESS, 1001);
        RoomProjection projection = RoomProjection.rebuild(List.of(
                joined("EV_1", 1001, ROOM, a), joined("EV_2", 1001, ROOM, b), joined("EV_3", 1001, ROOM, c),
                joined("EV_4", 1001, ROOM, rec),
                published("EV_5", 1002, ROOM, a, audio("TR_a", "mic", true)),          // muted still publishes
                published("EV_6", 1002, ROOM, b, video("TR_b", "cam", false)),
                unpublished("EV_7", 1003, ROOM, b, video("TR_b", "cam", false)),       // b stopped
                published("EV_8", 1002, ROOM, c, video("TR_c", "cam", false)),
                published("EV_9", 1002, ROOM, rec, video("TR_r", "cam", false))),     // the recorder does not count
                FixtureSessionTest.CLOCK);
        assertEquals(3, summary(projection).numParticipants());
        assertEquals(2, summary(projection).numPublishers());
        assertTrue(projection.activeRoom("x").orElseThrow().participants().get(0).tracks().get(0).muted());
        assertEquals("AUDIO", projection.activeRoom("x").orElseThrow().participants().get(0).tracks().get(0).type());

        projection.apply(left("EV_10", 1010, ROOM, c, DisconnectReason.CLIENT_INITIATED));
        assertEquals(2, summary(projection).numParticipants());
        assertEquals(1, summary(projection).numPublishers(), "a participant that left publishes nothing");
    }

    @Test
    void activeRecordingFollowsTheEgressStatus() {
        RoomProjection projection = new RoomProjection(FixtureSessionTest.CLOCK);
        projection.apply(roomStarted("EV_0", 1000, ROOM));
        projection.apply(roomStarted("EV_00", 1000, OTHER));
        projection.apply(egress("EV_o", "egress_updated", 1001, egressInfo("EG_o", OTHER, EgressStatus.EGRESS_ACTIVE, 1001, 0)));
        assertFalse(summary(projection).activeRecording(), "another room's egress");
        assertTrue(projection.roomSummary("RM_y").orElseThrow().activeRecording());

        assertTrue(projection.apply(egress("EV_1", "egress_started", 1002, egressInfo("EG_1", ROOM,
                EgressStatus.EGRESS_STARTING, 0, 0))).roomSummary().activeRecording(), "starting counts");
        assertFalse(projection.apply(egress("EV_2", "egress_updated", 1003, egressInfo("EG_1", ROOM,
                EgressStatus.EGRESS_ENDING, 1002, 0))).roomSummary().activeRecording(), "ending does not");
        assertFalse(projection.apply(egress("EV_3", "egress_updated", 1001, egressInfo("EG_1", ROOM,
                EgressStatus.EGRESS_ACTIVE, 1002, 0))).roomSummary().activeRecording(),
                "a late ACTIVE does not go back from ENDING");
        assertTrue(projection.apply(egress("EV_4", "egress_started", 1004, egressInfo("EG_2", ROOM,
                EgressStatus.EGRESS_ACTIVE, 1004, 0))).roomSummary().activeRecording(), "a second egress");
        assertFalse(projection.apply(egress("EV_5", "egress_ended", 1005, egressInfo("EG_2", ROOM,
                EgressStatus.EGRESS_STARTING, 1004, 0))).roomSummary().activeRecording(),
                "egress_ended ends it whatever the status says");
        assertEquals(List.of("EGRESS_ENDING", "EGRESS_ACTIVE"), projection.activeRoom("x").orElseThrow().egress()
                .stream().map(e -> e.status()).toList(), "the most advanced status is kept; egress_ended sets ended");
        assertFalse(projection.apply(egress("EV_6", "egress_updated", 1006, egressInfo("EG_3", ROOM,
                EgressStatus.EGRESS_FAILED, 1006, 1006))).roomSummary().activeRecording(), "failed");
    }

    @Test
    void peakAndTotalFromIntervals() {
        LivekitModels.ParticipantInfo a1 = participant("PA_a1", "ann", Kind.STANDARD, 1001);
        LivekitModels.ParticipantInfo a2 = participant("PA_a2", "ann", Kind.STANDARD, 1050); // rejoin: new sid
        LivekitModels.ParticipantInfo b = participant("PA_b", "ben", Kind.STANDARD, 1050);   // joins as a1 leaves
        LivekitModels.ParticipantInfo c = participant("PA_c", "cid", Kind.SIP, 1060);
        LivekitModels.ParticipantInfo r = participant("PA_r", "rec", Kind.EGRESS, 1001);
        RoomProjection projection = RoomProjection.rebuild(List.of(
                joined("EV_1", 1001, ROOM, a1), joined("EV_r", 1001, ROOM, r),
                left("EV_2", 1050, ROOM, a1, DisconnectReason.CLIENT_INITIATED),
                joined("EV_3", 1050, ROOM, a2), joined("EV_4", 1050, ROOM, b), joined("EV_5", 1060, ROOM, c),
                left("EV_6", 1070, ROOM, c, DisconnectReason.CLIENT_INITIATED),
                roomFinished("EV_9", 1100, ROOM)), FixtureSessionTest.CLOCK);
        SessionSummary s = projection.sessions().get(0);
        assertEquals(3, s.peakParticipants(), "a2, ben and cid; a1's leave and the joins at 1050 do not overlap");
        assertEquals(3, s.totalParticipants(), "ann twice is one identity; the recorder is not counted");
        assertEquals(100, s.durationSeconds());
    }
}
