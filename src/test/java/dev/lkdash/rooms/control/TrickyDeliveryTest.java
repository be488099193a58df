package dev.lkdash.rooms.control;

import static dev.lkdash.rooms.control.Events.*;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lkdash.sessions.entity.AgentJobView;
import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.IngressView;
import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.TimelineEntry;
import livekit.LivekitAgent;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitIngress.IngressState.Status;
import livekit.LivekitModels;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo.Kind;
import livekit.LivekitWebhook;

/**
 * Each delivery hazard of LiveKit's webhooks, one at a time, on the in-memory projection; the
 * subclasses run them on the stored state.
 */
class TrickyDeliveryTest {

    static final LivekitModels.Room ROOM = room("RM_lobby1", "lobby", 1000);
    static final LivekitModels.ParticipantInfo ALICE = participant("PA_alice", "alice", Kind.STANDARD, 1005);
    static final LivekitModels.ParticipantInfo BOB = participant("PA_bob", "bob", Kind.STANDARD, 1006);
    static final LivekitModels.TrackInfo CAM = video("TR_cam", "camera", false);

    /** A state with no events. */
    StateUnderTest empty() {
        return StateUnderTest.of(new RoomProjection(FixtureSessionTest.CLOCK));
    }

    StateUnderTest projection(ProjectedEvent... events) {
        StateUnderTest projection = empty();
        for (ProjectedEvent e : events) {
            projection.apply(e);
        }
        return projection;
    }

    static List<String> present(StateUnderTest projection, String room) {
        return projection.activeRoom(room).orElseThrow().participants().stream().map(ParticipantView::identity).toList();
    }

    static ParticipantSession history(StateUnderTest projection, String sid, String participantSid) {
        return projection.session(sid).orElseThrow().participants().stream()
                .filter(p -> p.sid().equals(participantSid)).findFirst().orElseThrow();
    }

    @Test
    void aDuplicateChangesNothingAndSaysSo() {
        ProjectedEvent join = joined("EV_1", 1005, ROOM, ALICE);
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM), join);
        ProjectionSnapshot before = projection.snapshot();

        ProjectionUpdate again = projection.apply(redelivered(join, Instant.parse("2026-01-01T13:00:00Z")));

        assertTrue(again.duplicate());
        assertEquals(1, again.roomSummary().numParticipants());
        assertEquals(2, projection.eventCount());
        assertEquals(before, projection.snapshot());
        assertFalse(projection.apply(joined("EV_2", 1006, ROOM, BOB)).duplicate());
    }

    @Test
    void participantLeftBeforeItsJoinKeepsItGone() {
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM),
                left("EV_2", 1100, ROOM, ALICE, DisconnectReason.CLIENT_INITIATED));
        assertEquals(List.of(), present(projection, "lobby"));
        ParticipantSession leaveOnly = history(projection, "RM_lobby1", "PA_alice");
        assertEquals(1005_000, leaveOnly.joinedAt(), "joinedAt comes from the leave's payload");
        assertEquals(1100_000L, leaveOnly.leftAt());

        ProjectionUpdate lateJoin = projection.apply(joined("EV_1", 1005, ROOM, ALICE));

        assertEquals(0, lateJoin.roomSummary().numParticipants(), "the late join does not resurrect");
        assertEquals(List.of(), present(projection, "lobby"));
        ParticipantSession alice = history(projection, "RM_lobby1", "PA_alice");
        assertEquals(new ParticipantSession("PA_alice", "alice", "ALICE", "STANDARD", 1005_000, 1100_000L, 95,
                "CLIENT_INITIATED", "participant_left", List.of()), alice);
        assertEquals(1, projection.session("RM_lobby1").orElseThrow().peakParticipants());
    }

    @Test
    void joinAndLeaveInTheSameSecondLeaveWinsWhateverTheOrder() {
        ProjectedEvent join = joined("EV_9", 1005, ROOM, ALICE); // ids deliberately opposite to the causal order
        ProjectedEvent leave = aborted("EV_1", 1005, ROOM, ALICE);
        for (StateUnderTest projection : List.of(projection(join, leave), projection(leave, join))) {
            assertEquals(List.of(), present(projection, "lobby"));
            List<TimelineEntry> timeline = projection.session("RM_lobby1").orElseThrow().events();
            assertEquals(List.of("participant_joined", "participant_connection_aborted"),
                    timeline.stream().map(TimelineEntry::event).toList(), "timeline in causal order");
            assertEquals("participant_connection_aborted", history(projection, "RM_lobby1", "PA_alice").endedBy());
        }
    }

    @Test
    void abortThenLeaveTakesTheLeaveWhateverTheOrder() {
        ProjectedEvent abort = aborted("EV_1", 1100, ROOM, ALICE);
        ProjectedEvent leave = left("EV_2", 1101, ROOM, ALICE, DisconnectReason.CLIENT_INITIATED);
        for (StateUnderTest projection : List.of(projection(abort, leave), projection(leave, abort))) {
            ParticipantSession alice = history(projection, "RM_lobby1", "PA_alice");
            assertEquals(1101_000L, alice.leftAt());
            assertEquals("CLIENT_INITIATED", alice.disconnectReason());
            assertEquals("participant_left", alice.endedBy());
        }
    }

    @Test
    void aTrackEventIntroducesAnUnknownParticipant() {
        LivekitModels.ParticipantInfo sip = participant("PA_sip", "caller", Kind.SIP, 1010);
        ProjectedEvent publish = published("EV_2", 1011, ROOM, sip, CAM); // carries a minimal participant: no kind
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM), publish);

        RoomSummary summary = projection.activeRooms().get(0);
        assertEquals(1, summary.numParticipants());
        assertEquals(1, summary.numPublishers());
        ParticipantView known = projection.activeRoom("lobby").orElseThrow().participants().get(0);
        assertEquals("caller", known.identity());
        assertEquals(1011_000, known.joinedAt(), "no joinedAt in the minimal payload: first seen");
        assertEquals(List.of("TR_cam"), known.tracks().stream().map(t -> t.sid()).toList());

        projection.apply(joined("EV_1", 1010, ROOM, sip)); // the join arrives late
        ParticipantView full = projection.activeRoom("lobby").orElseThrow().participants().get(0);
        assertEquals("SIP", full.kind(), "the join's full payload beats the track event's minimal one");
        assertEquals(1010_000, full.joinedAt());
        assertEquals(1, full.tracks().size());
    }

    @Test
    void anUnpublishedTrackIsNotResurrectedByALatePublish() {
        StateUnderTest projection = projection(joined("EV_1", 1005, ROOM, ALICE),
                unpublished("EV_3", 1050, ROOM, ALICE, CAM));
        projection.apply(published("EV_2", 1010, ROOM, ALICE, CAM));
        assertEquals(List.of(), projection.activeRoom("lobby").orElseThrow().participants().get(0).tracks());
        assertEquals(0, projection.activeRooms().get(0).numPublishers());
        var track = history(projection, "RM_lobby1", "PA_alice").tracks().get(0);
        assertEquals(1010_000L, track.publishedAt());
        assertEquals(1050_000L, track.unpublishedAt());
    }

    @Test
    void egressBeforeAnyRoomEventCreatesTheRoomAndRecords() {
        ProjectionUpdate update = projection().apply(egress("EV_5", "egress_updated", 1020,
                egressInfo("EG_1", ROOM, EgressStatus.EGRESS_ACTIVE, 1019, 0)));
        assertEquals("RM_lobby1", update.roomSid());
        assertTrue(update.roomActive());
        assertTrue(update.roomSummary().activeRecording());
        assertEquals(1020_000, update.roomSummary().creationTime(), "until the room is seen: the first event");

        StateUnderTest projection = projection(egress("EV_5", "egress_updated", 1020,
                egressInfo("EG_1", ROOM, EgressStatus.EGRESS_ACTIVE, 1019, 0)), roomStarted("EV_0", 1000, ROOM));
        assertEquals(new RoomSummary("RM_lobby1", "lobby", 0, 0, 1000_000, "{\"room\":\"lobby\"}", true),
                projection.activeRooms().get(0));
    }

    @Test
    void egressEndedBeforeItsStartStaysEnded() {
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM),
                egress("EV_7", "egress_ended", 1090, egressInfo("EG_1", ROOM, EgressStatus.EGRESS_COMPLETE, 1020, 1090)),
                egress("EV_5", "egress_started", 1020, egressInfo("EG_1", ROOM, EgressStatus.EGRESS_STARTING, 0, 0)),
                egress("EV_6", "egress_updated", 1021, egressInfo("EG_1", ROOM, EgressStatus.EGRESS_ACTIVE, 1020, 0)));
        assertFalse(projection.activeRooms().get(0).activeRecording());
        assertEquals(List.of(new EgressView("EG_1", "RM_lobby1", "lobby", "EGRESS_COMPLETE", false, 1020_000L,
                1090_000L, null)), projection.activeRoom("lobby").orElseThrow().egress());
    }

    @Test
    void roomFinishedWithParticipantsStillListedEndsThemWithTheRoom() {
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM), joined("EV_1", 1005, ROOM, ALICE),
                joined("EV_2", 1006, ROOM, BOB), published("EV_3", 1007, ROOM, ALICE, CAM),
                left("EV_4", 1100, ROOM, BOB, DisconnectReason.CLIENT_INITIATED));
        ProjectionUpdate finish = projection.apply(roomFinished("EV_9", 1200, ROOM));

        assertFalse(finish.roomActive());
        assertEquals(new RoomSummary("RM_lobby1", "lobby", 0, 0, 1000_000, "{\"room\":\"lobby\"}", false),
                finish.roomSummary());
        assertEquals(List.of(), projection.activeRooms());
        assertTrue(projection.activeRoom("lobby").isEmpty());
        ParticipantSession alice = history(projection, "RM_lobby1", "PA_alice");
        assertEquals(1200_000L, alice.leftAt());
        assertEquals(195, alice.durationSeconds());
        assertNull(alice.disconnectReason());
        assertEquals("room_finished", alice.endedBy());
        assertEquals(1200_000L, alice.tracks().get(0).unpublishedAt(), "its tracks end with it");
        assertEquals("participant_left", history(projection, "RM_lobby1", "PA_bob").endedBy());

        // a late event for the finished session does not reopen it
        projection.apply(joined("EV_10", 1300, ROOM, participant("PA_carol", "carol", Kind.STANDARD, 1300)));
        assertEquals(List.of(), projection.activeRooms());
        assertEquals(1200_000L, projection.session("RM_lobby1").orElseThrow().endedAt());
    }

    @Test
    void aPresumedEndEndsTheRoomWithWhoeverIsStillListed() {
        LivekitModels.ParticipantInfo agent = participant("PA_agent", "agent", Kind.AGENT, 1010);
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM), joined("EV_1", 1005, ROOM, ALICE),
                joined("EV_2", 1010, ROOM, agent), left("EV_3", 1100, ROOM, ALICE, DisconnectReason.CLIENT_INITIATED));
        ProjectionUpdate presumed = projection.apply(presumedEnded(1120, ROOM));

        assertFalse(presumed.roomActive());
        assertEquals(List.of(), projection.activeRooms());
        SessionDetail s = projection.session("RM_lobby1").orElseThrow();
        assertEquals(1120_000L, s.endedAt());
        assertEquals("presumed_ended", s.endedBy());
        assertEquals("presumed_ended", projection.sessions().get(0).endedBy());
        assertEquals(1120_000L, history(projection, "RM_lobby1", "PA_agent").leftAt());
        assertEquals("presumed_ended", history(projection, "RM_lobby1", "PA_agent").endedBy());
        assertEquals("participant_left", history(projection, "RM_lobby1", "PA_alice").endedBy());
        assertEquals("room_presumed_ended", s.events().get(s.events().size() - 1).event());
        assertEquals("{\"room\":\"lobby\"}", s.metadata(), "the presumption carries no room facts");
    }

    @Test
    void aRealRoomFinishedWinsOverAPresumedEndWhateverTheOrder() {
        List<ProjectedEvent> quiet = List.of(roomStarted("EV_0", 1000, ROOM), joined("EV_1", 1005, ROOM, ALICE),
                left("EV_3", 1100, ROOM, ALICE, DisconnectReason.CLIENT_INITIATED));
        for (long finishedAt : new long[] {1110, 1200}) { // LiveKit's end before the presumed one, and after it
            ProjectedEvent presumed = presumedEnded(1120, ROOM);
            ProjectedEvent finished = roomFinished("EV_9", finishedAt, ROOM);
            StateUnderTest presumedFirst = projection(quiet.toArray(ProjectedEvent[]::new));
            presumedFirst.apply(presumed);
            assertEquals("presumed_ended", presumedFirst.session("RM_lobby1").orElseThrow().endedBy());
            presumedFirst.apply(finished);
            StateUnderTest finishedFirst = projection(quiet.toArray(ProjectedEvent[]::new));
            finishedFirst.apply(finished);
            finishedFirst.apply(presumed);

            SessionDetail s = presumedFirst.session("RM_lobby1").orElseThrow();
            assertEquals(finishedAt * 1000, s.endedAt());
            assertEquals("room_finished", s.endedBy());
            assertEquals(presumedFirst.snapshot(), finishedFirst.snapshot());
        }
    }

    @Test
    void aRoomQueueEventAfterAPresumedEndShowsTheRoomAliveAgain() {
        List<ProjectedEvent> quiet = List.of(roomStarted("EV_0", 1000, ROOM), joined("EV_1", 1005, ROOM, ALICE),
                left("EV_3", 1100, ROOM, ALICE, DisconnectReason.CLIENT_INITIATED), presumedEnded(1120, ROOM));
        ProjectedEvent bobJoins = joined("EV_4", 1130, ROOM, BOB);
        StateUnderTest presumedFirst = projection(quiet.toArray(ProjectedEvent[]::new));
        ProjectionUpdate revived = presumedFirst.apply(bobJoins);
        StateUnderTest joinFirst = projection(bobJoins);
        quiet.forEach(joinFirst::apply);

        assertTrue(revived.roomActive());
        assertEquals(List.of("bob"), present(presumedFirst, "lobby"));
        assertNull(presumedFirst.session("RM_lobby1").orElseThrow().endedBy());
        assertEquals(presumedFirst.snapshot(), joinFirst.snapshot());

        // quiet again, and presumed ended again: the latest presumption counts
        presumedFirst.apply(left("EV_5", 1150, ROOM, BOB, DisconnectReason.CLIENT_INITIATED));
        presumedFirst.apply(presumedEnded(1170, ROOM));
        SessionDetail s = presumedFirst.session("RM_lobby1").orElseThrow();
        assertEquals(1170_000L, s.endedAt());
        assertEquals("presumed_ended", s.endedBy());
    }

    @Test
    void egressEventsAfterAPresumedEndDoNotReviveTheRoom() {
        // the recorder stops once the room closes: its egress_ended comes after the room's end
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM),
                egress("EV_1", "egress_started", 1010, egressInfo("EG_1", ROOM, EgressStatus.EGRESS_ACTIVE, 1010, 0)),
                presumedEnded(1400, ROOM),
                egress("EV_2", "egress_ended", 1405, egressInfo("EG_1", ROOM, EgressStatus.EGRESS_COMPLETE, 1010, 1405)));
        assertEquals(List.of(), projection.activeRooms());
        assertEquals(1400_000L, projection.session("RM_lobby1").orElseThrow().endedAt());
    }

    @Test
    void eventsForARoomNeverSeenStartingCreateIt() {
        ProjectionUpdate update = projection().apply(joined("EV_1", 1005, ROOM, ALICE));
        assertEquals(new RoomSummary("RM_lobby1", "lobby", 1, 0, 1000_000, "{\"room\":\"lobby\"}", false),
                update.roomSummary());
        StateUnderTest fromTrack = projection(published("EV_2", 1007, ROOM, ALICE, CAM));
        assertEquals("lobby", fromTrack.activeRooms().get(0).name());
        assertEquals(1007_000, fromTrack.activeRooms().get(0).creationTime(),
                "track events carry a minimal room: no creation time");
    }

    @Test
    void unknownEventsJoinTheTimelineAndChangeNothingElse() {
        ProjectedEvent unknown = event("EV_5", "room_metadata_changed", 1050,
                b -> b.setRoom(ROOM.toBuilder().setMetadata("changed")).setParticipant(BOB));
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM), joined("EV_1", 1005, ROOM, ALICE));
        RoomSummary before = projection.activeRooms().get(0);

        ProjectionUpdate update = projection.apply(unknown);

        assertEquals(before, update.roomSummary());
        assertEquals(before, projection.activeRooms().get(0));
        assertEquals(List.of("alice"), present(projection, "lobby"));
        SessionDetail s = projection.session("RM_lobby1").orElseThrow();
        assertEquals(new TimelineEntry("EV_5", "room_metadata_changed", 1050_000, "bob", null, "room_metadata_changed"),
                s.events().get(2));
        assertEquals(1, s.participants().size());
    }

    @Test
    void anUnknownEventAloneCreatesNoSessionButWaitsForIt() {
        ProjectedEvent unknown = event("EV_5", "something_new", 1050, b -> b.setRoom(ROOM));
        StateUnderTest projection = projection(unknown);
        ProjectionUpdate again = projection.apply(unknown);
        assertTrue(again.duplicate());
        assertNull(again.roomSummary());
        assertEquals(List.of(), projection.sessions());
        assertEquals(List.of(), projection.activeRooms());

        projection.apply(roomStarted("EV_0", 1000, ROOM));
        assertEquals(List.of("room_started", "something_new"), projection.session("RM_lobby1").orElseThrow()
                .events().stream().map(TimelineEntry::event).toList());
    }

    @Test
    void aNewSessionOfTheSameNameEndsOneWhoseFinishWasLost() {
        LivekitModels.Room second = room("RM_lobby2", "lobby", 2000);
        StateUnderTest projection = projection(roomStarted("EV_0", 1000, ROOM), joined("EV_1", 1005, ROOM, ALICE),
                published("EV_2", 1100, ROOM, ALICE, CAM), roomStarted("EV_10", 2000, second),
                joined("EV_11", 2001, second, BOB));

        assertEquals(List.of("RM_lobby2"), projection.activeRooms().stream().map(RoomSummary::sid).toList());
        assertEquals(List.of("bob"), present(projection, "lobby"));
        SessionDetail first = projection.session("RM_lobby1").orElseThrow();
        assertEquals(1100_000L, first.endedAt(), "its last event");
        ParticipantSession alice = first.participants().get(0);
        assertEquals(1100_000L, alice.leftAt());
        assertEquals("session_superseded", alice.endedBy());
        assertEquals(List.of("RM_lobby2", "RM_lobby1"), projection.sessions().stream().map(s -> s.sid()).toList(),
                "newest first");
    }

    @Test
    void ingressAttachesByRoomNameAndTime() {
        LivekitModels.Room second = room("RM_lobby2", "lobby", 2000);
        ProjectedEvent early = ingress("EV_20", "ingress_started", 1500, ingressInfo("IN_1", "lobby", Status.ENDPOINT_PUBLISHING));
        ProjectedEvent lateStart = ingress("EV_21", "ingress_started", 1995, ingressInfo("IN_2", "lobby", Status.ENDPOINT_BUFFERING));
        ProjectedEvent inSecond = ingress("EV_22", "ingress_ended", 2100, ingressInfo("IN_2", "lobby", Status.ENDPOINT_INACTIVE));
        ProjectedEvent elsewhere = ingress("EV_23", "ingress_started", 1500, ingressInfo("IN_3", "other", Status.ENDPOINT_PUBLISHING));

        ProjectionUpdate waiting = projection(early).apply(lateStart);
        assertNull(waiting.roomSummary(), "no session of that name yet");

        StateUnderTest projection = projection(early, lateStart, inSecond, elsewhere, roomStarted("EV_0", 1000, ROOM),
                roomFinished("EV_1", 1900, ROOM), roomStarted("EV_10", 2000, second));
        assertEquals(List.of(new IngressView("IN_1", "stream-IN_1", "RM_lobby1", "lobby", "ingress-IN_1",
                "ENDPOINT_PUBLISHING", true, 1500_000L, null, null)), projection.session("RM_lobby1").orElseThrow().ingress());
        // started 5 s before the room existed (the ingress creates its room), ended inside it
        assertEquals(List.of(new IngressView("IN_2", "stream-IN_2", "RM_lobby2", "lobby", "ingress-IN_2",
                "ENDPOINT_INACTIVE", false, 1995_000L, 2100_000L, null)), projection.session("RM_lobby2").orElseThrow().ingress());
        assertEquals(2, projection.sessions().size(), "an ingress naming an unseen room creates no session");
    }

    @Test
    void agentJobsComeWithTheirSeparatelyParsedJob() {
        LivekitAgent.Job running = job("AJ_1", ROOM, "agent-1", LivekitAgent.JobStatus.JS_RUNNING);
        LivekitAgent.Job done = job("AJ_1", ROOM, "agent-1", LivekitAgent.JobStatus.JS_SUCCESS);
        StateUnderTest projection = projection(jobEvent("EV_31", "agent_job_ended", 1200, done));
        assertEquals(List.of(), projection.activeRooms(), "a room seen only through an ended job is not active");
        projection.apply(jobEvent("EV_30", "agent_job_started", 1010, running));
        AgentJobView job = projection.session("RM_lobby1").orElseThrow().agentJobs().get(0);
        assertEquals(new AgentJobView("AJ_1", "JT_ROOM", "transcriber", "RM_lobby1", "lobby", "agent-1", "JS_SUCCESS",
                false, 1010_000L, 1200_000L, null), job);

        StateUnderTest live = projection(jobEvent("EV_30", "agent_job_started", 1010, running));
        assertEquals(1, live.activeRooms().size(), "a running job keeps its room active");
        assertTrue(live.activeRoom("lobby").orElseThrow().agentJobs().get(0).active());
    }

    @Test
    void incompleteEventsNeverThrow() {
        List<ProjectedEvent> odd = new ArrayList<>();
        odd.add(event("EV_a", "", 0, b -> { }));
        odd.add(event("EV_b", "participant_joined", 1001, b -> b.setRoom(ROOM)));
        odd.add(event("EV_c", "track_published", 1002, b -> b.setRoom(ROOM).setParticipant(ALICE)));
        odd.add(event("EV_d", "track_unpublished", 1003, b -> b.setParticipant(ALICE).setTrack(CAM)));
        odd.add(event("EV_e", "egress_updated", 1004, b -> b.setEgressInfo(
                livekit.LivekitEgress.EgressInfo.newBuilder().setStatus(EgressStatus.EGRESS_ACTIVE))));
        odd.add(event("EV_f", "ingress_started", 1005, b -> b.setIngressInfo(
                livekit.LivekitIngress.IngressInfo.newBuilder().setRoomName("lobby"))));
        odd.add(event("EV_g", "agent_job_started", 1006, b -> b.setRoom(ROOM)));
        odd.add(event("EV_h", "room_finished", 1007, b -> { }));
        odd.add(event("EV_i", "participant_left", 1008, b -> b.setRoom(ROOM).setParticipant(
                LivekitModels.ParticipantInfo.newBuilder().setIdentity("no-sid"))));
        odd.add(new ProjectedEvent("EV_j", LivekitWebhook.WebhookEvent.newBuilder().setEvent("room_started")
                .setRoom(ROOM).build(), null, RECEIVED));
        StateUnderTest projection = empty();
        for (ProjectedEvent e : odd) {
            assertDoesNotThrow(() -> projection.apply(e), e.eventId());
        }
        assertDoesNotThrow(projection::snapshot);
        SessionDetail s = projection.session("RM_lobby1").orElseThrow();
        assertEquals(List.of(), s.participants().stream().filter(p -> p.identity().equals("no-sid")).toList());
        assertEquals(1, s.participants().size(), "alice, from the track event that names her");
        assertEquals(RECEIVED.toEpochMilli(), s.events().stream().filter(t -> t.id().equals("EV_j"))
                .findFirst().orElseThrow().timestamp(), "no createdAt: the receipt time");
        assertEquals(List.of("RM_lobby1"), projection.sessions().stream().map(x -> x.sid()).toList());
    }
}
