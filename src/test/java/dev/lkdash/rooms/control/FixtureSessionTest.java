package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.IngressView;
import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.rooms.entity.TrackView;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionSummary;
import dev.lkdash.sessions.entity.TimelineEntry;
import dev.lkdash.sessions.entity.TrackSession;

/** The recorded LiveKit session (fixtures/livekit/session.jsonl) applied in its original order. */
class FixtureSessionTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
    static final String SID = "RM_standup0001";
    static final String ROOM = "daily-standup";
    static final long T0 = 1767260000_000L; // the fixture's times are T0 + 1600 s … T0 + 2205 s

    static long at(long seconds) {
        return T0 + seconds * 1000;
    }

    @Test
    void roomSummaryAfterEveryEvent() {
        RoomProjection projection = new RoomProjection(CLOCK);
        List<ProjectedEvent> events = Events.fixtureSession();
        assertEquals(20, events.size());
        // numParticipants, numPublishers, activeRecording after each event, from the story in the file
        int[][] expected = {
                {0, 0, 0}, {1, 0, 0}, {2, 0, 0}, {2, 1, 0}, {2, 1, 0}, {3, 1, 0}, {3, 2, 0}, // alice, agent, bob
                {3, 2, 1}, {3, 2, 1}, {3, 2, 1}, // egress starting/active, ingress started
                {3, 1, 1}, {3, 1, 1}, // bob unpublishes his screen, ingress ends
                {2, 1, 1}, {1, 0, 1}, {1, 0, 1}, {1, 0, 1}, {1, 0, 1}, // bob leaves, alice aborts and leaves
                {0, 0, 1}, {0, 0, 0}, {0, 0, 0}}; // agent leaves, egress ends, room finishes
        for (int i = 0; i < events.size(); i++) {
            ProjectionUpdate update = projection.apply(events.get(i));
            String step = "after " + events.get(i).eventId();
            assertFalse(update.duplicate(), step);
            assertEquals(SID, update.roomSid(), step);
            assertEquals(ROOM, update.roomName(), step);
            assertEquals(i < 19, update.roomActive(), step);
            RoomSummary s = update.roomSummary();
            assertEquals(new RoomSummary(SID, ROOM, expected[i][0], expected[i][1], at(1600),
                    "{\"team\":\"engineering\"}", expected[i][2] == 1), s, step);
        }
        assertTrue(projection.activeRooms().isEmpty());
        assertTrue(projection.activeRoom(ROOM).isEmpty());
    }

    @Test
    void liveRoomInTheMiddleOfTheSession() {
        RoomProjection projection = new RoomProjection(CLOCK);
        Events.fixtureSession().subList(0, 12).forEach(projection::apply); // up to ingress_ended

        assertEquals(List.of(new RoomSummary(SID, ROOM, 3, 1, at(1600), "{\"team\":\"engineering\"}", true)),
                projection.activeRooms());
        RoomDetail room = projection.activeRoom(ROOM).orElseThrow();
        assertEquals(300, room.emptyTimeout());
        assertEquals(20, room.maxParticipants());
        List<ParticipantView> ps = room.participants();
        assertEquals(List.of("alice@example.com", "agent-transcriber", "bob@example.com"),
                ps.stream().map(ParticipantView::identity).toList());
        ParticipantView alice = ps.get(0);
        assertEquals("PA_alice000001", alice.sid());
        assertEquals("Alice", alice.name());
        assertEquals("STANDARD", alice.kind());
        assertEquals("ACTIVE", alice.state());
        assertEquals(at(1605), alice.joinedAt());
        assertEquals(List.of(
                new TrackView("TR_alicecam001", "VIDEO", "CAMERA", "camera", true, 1280, 720, false, ""),
                new TrackView("TR_alicemic001", "AUDIO", "MICROPHONE", "microphone", false, 0, 0, false, "")),
                alice.tracks());
        assertEquals("AGENT", ps.get(1).kind());
        assertEquals(List.of(), ps.get(2).tracks(), "bob's screen share was unpublished");
        assertEquals(List.of(new EgressView("EG_record00001", SID, ROOM, "EGRESS_ACTIVE", true, at(1620), null, null)),
                room.egress());
        assertEquals(List.of(new IngressView("IN_obs0000001", "obs-stream", SID, ROOM, "obs", "ENDPOINT_INACTIVE",
                false, at(1625), at(1910), null)), room.ingress());
        assertEquals(projection.activeRoomParticipants(ROOM).orElseThrow(), ps);

        SessionSummary live = projection.sessions().get(0);
        assertNull(live.endedAt());
        assertEquals((CLOCK.millis() - at(1600)) / 1000, live.durationSeconds(), "live: up to now");
    }

    @Test
    void finalHistory() {
        RoomProjection projection = RoomProjection.rebuild(Events.fixtureSession(), CLOCK);
        assertEquals(List.of(new SessionSummary(SID, ROOM, at(1600), at(2205), "room_finished", 605, 3, 3)), projection.sessions());
        SessionDetail s = projection.session(SID).orElseThrow();
        assertEquals(s.summary(), projection.sessions().get(0));
        assertEquals("{\"team\":\"engineering\"}", s.metadata());

        assertEquals(List.of(
                new ParticipantSession("PA_alice000001", "alice@example.com", "Alice", "STANDARD", at(1605), at(2202),
                        597, "CLIENT_INITIATED", "participant_left", List.of(
                        new TrackSession("TR_alicecam001", "VIDEO", "CAMERA", "camera", true, 1280, 720, false, "",
                                at(1607), at(2201)),
                        new TrackSession("TR_alicemic001", "AUDIO", "MICROPHONE", "microphone", false, 0, 0, false,
                                "", at(1607), at(2201)))),
                new ParticipantSession("PA_agent000001", "agent-transcriber", "Transcriber", "AGENT", at(1606),
                        at(2203), 597, "ROOM_CLOSED", "participant_left", List.of()),
                new ParticipantSession("PA_bob00000001", "bob@example.com", "Bob", "STANDARD", at(1609), at(2200),
                        591, "CLIENT_INITIATED", "participant_left", List.of(
                        new TrackSession("TR_bobscreen01", "VIDEO", "SCREEN_SHARE", "screen", false, 1920, 1080,
                                false, "", at(1615), at(1900))))),
                s.participants());
        assertEquals(List.of(new EgressView("EG_record00001", SID, ROOM, "EGRESS_COMPLETE", false, at(1620),
                at(2204), null)), s.egress());
        assertEquals(List.of(new IngressView("IN_obs0000001", "obs-stream", SID, ROOM, "obs", "ENDPOINT_INACTIVE",
                false, at(1625), at(1910), null)), s.ingress());
        assertEquals(List.of(), s.agentJobs());

        List<TimelineEntry> timeline = s.events();
        assertEquals(20, timeline.size());
        // same-second ties in canonical order: the unpublishes (EV 15, 16) before the abort (EV 14)
        assertEquals(List.of("EV_fixture0001", "EV_fixture0002", "EV_fixture0003", "EV_fixture0004",
                "EV_fixture0005", "EV_fixture0006", "EV_fixture0007", "EV_fixture0008", "EV_fixture0009",
                "EV_fixture0010", "EV_fixture0011", "EV_fixture0012", "EV_fixture0013", "EV_fixture0015",
                "EV_fixture0016", "EV_fixture0014", "EV_fixture0017", "EV_fixture0018", "EV_fixture0019",
                "EV_fixture0020"), timeline.stream().map(TimelineEntry::id).toList());
        assertEquals(new TimelineEntry("EV_fixture0001", "room_started", at(1600), null, null, "room daily-standup started"),
                timeline.get(0));
        assertEquals(new TimelineEntry("EV_fixture0003", "participant_joined", at(1606),
                "agent-transcriber", null, "agent-transcriber joined (AGENT)"), timeline.get(2));
        assertEquals(new TimelineEntry("EV_fixture0005", "track_published", at(1607), "alice@example.com",
                "TR_alicemic001", "alice@example.com published AUDIO microphone (MICROPHONE)"), timeline.get(4));
        assertEquals("egress EG_record00001 EGRESS_STARTING", timeline.get(7).detail());
        assertEquals("ingress obs-stream (IN_obs0000001) ENDPOINT_PUBLISHING", timeline.get(9).detail());
        assertEquals("alice@example.com connection aborted", timeline.get(15).detail());
        assertEquals("agent-transcriber left (ROOM_CLOSED)", timeline.get(17).detail());
        assertEquals(new TimelineEntry("EV_fixture0020", "room_finished", at(2205), null, null, "room daily-standup finished"),
                timeline.get(19));
        assertEquals(20, projection.eventCount());
    }

    @Test
    void singleFixtureFilesParse() {
        RoomProjection projection = new RoomProjection(CLOCK);
        for (String file : List.of("room_started.json", "participant_joined.json", "track_published.json",
                "egress_started.json", "egress_updated.json", "ingress_started.json", "track_unpublished.json",
                "ingress_ended.json", "participant_left.json", "participant_connection_aborted.json",
                "egress_ended.json", "room_finished.json")) {
            ProjectionUpdate update = projection.apply(Events.fixture(file));
            assertEquals(SID, update.roomSid(), file);
        }
        SessionDetail s = projection.session(SID).orElseThrow();
        assertEquals(12, s.events().size());
        assertEquals(at(2205), s.endedAt());
        // bob only appears in track_unpublished and participant_left: joinedAt from the payload
        ParticipantSession bob = s.participants().stream().filter(p -> p.identity().equals("bob@example.com"))
                .findFirst().orElseThrow();
        assertEquals(at(1609), bob.joinedAt());
        assertEquals(at(2200), bob.leftAt());
        assertEquals(1, bob.tracks().size());
        assertNull(bob.tracks().get(0).publishedAt(), "only the unpublish was seen");
        assertEquals(at(1900), bob.tracks().get(0).unpublishedAt());
    }
}
