package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;

/** Convergence of the in-memory projection, and its agreement with generated ground truth. */
class ConvergenceTest extends ConvergenceCases {

    @Override
    ProjectionSnapshot deliver(List<ProjectedEvent> delivery, int distinct) {
        RoomProjection projection = new RoomProjection(FixtureSessionTest.CLOCK);
        for (ProjectedEvent e : delivery) {
            projection.apply(e);
        }
        assertEquals(distinct, projection.eventCount());
        return projection.snapshot();
    }

    @Test
    void generatedTrafficMatchesTheGroundTruth() {
        int[] coverage = new int[7];
        for (long seed = 0; seed < 60; seed++) {
            Generator g = Generator.generate(seed);
            RoomProjection projection = RoomProjection.rebuild(g.events, FixtureSessionTest.CLOCK);
            int[] c = checkGroundTruth(g, projection, "seed " + seed);
            for (int i = 0; i < c.length; i++) {
                coverage[i] += c[i];
            }
        }
        // the generated traffic exercises every case the ground truth is checked on
        assertTrue(coverage[0] > 30, "live rooms: " + coverage[0]);
        assertTrue(coverage[1] > 30, "participants still listed when their session ended: " + coverage[1]);
        assertTrue(coverage[2] > 10, "superseded sessions: " + coverage[2]);
        assertTrue(coverage[3] > 20, "ingress attached by room name: " + coverage[3]);
        assertTrue(coverage[4] > 10, "live rooms recording: " + coverage[4]);
        assertTrue(coverage[5] > 20, "live rooms with publishers: " + coverage[5]);
        assertTrue(coverage[6] > 20, "sessions presumed ended: " + coverage[6]);
    }

    @Test
    void snapshotsOfDifferentEventSetsDiffer() {
        // guards the comparisons above: equals on snapshots is not vacuous
        List<ProjectedEvent> events = Events.fixtureSession();
        ProjectionSnapshot all = RoomProjection.rebuild(events, FixtureSessionTest.CLOCK).snapshot();
        for (int skip = 0; skip < events.size(); skip++) {
            List<ProjectedEvent> fewer = new java.util.ArrayList<>(events);
            fewer.remove(skip);
            assertNotEquals(all, RoomProjection.rebuild(fewer, FixtureSessionTest.CLOCK).snapshot(),
                    "without " + events.get(skip).eventId());
        }
    }

    /**
     * @return coverage: live rooms, still-listed participants, superseded sessions, ingress, recording, publishing,
     *         presumed ends
     */
    static int[] checkGroundTruth(Generator g, RoomProjection projection, String label) {
        assertEquals(g.expected.size(), projection.sessions().size(), label);
        int live = 0;
        int stillListedChecked = 0;
        int superseded = 0;
        int ingress = 0;
        int recording = 0;
        int publishing = 0;
        int presumed = 0;
        for (Generator.ExpectedSession want : g.expected.values()) {
            String at = label + " " + want.sid();
            SessionDetail s = projection.session(want.sid()).orElseThrow();
            assertEquals(want.name(), s.roomName(), at);
            assertEquals(want.totalParticipants(), s.totalParticipants(), at);
            if (want.endedAt() != null) {
                assertEquals(want.endedAt(), s.endedAt(), at);
            }
            assertEquals(want.endedBy(), s.endedBy(), at);
            presumed += "presumed_ended".equals(want.endedBy()) ? 1 : 0;
            assertEquals(want.live(), s.endedAt() == null, at);
            var summary = projection.roomSummary(want.sid()).orElseThrow();
            assertEquals(want.numParticipants(), summary.numParticipants(), at);
            assertEquals(want.numPublishers(), summary.numPublishers(), at);
            assertEquals(want.activeRecording(), summary.activeRecording(), at);
            ingress += s.ingress().size();
            if (!want.live() && want.endedAt() == null) {
                superseded++;
            }
            if (want.live()) {
                live++;
                recording += want.activeRecording() ? 1 : 0;
                publishing += want.numPublishers() > 0 ? 1 : 0;
                RoomDetail room = projection.activeRoom(want.name()).orElseThrow();
                assertEquals(want.sid(), room.sid(), at);
                assertEquals(want.stillListedSids(), room.participants().stream().map(p -> p.sid())
                        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), at);
            } else {
                for (ParticipantSession p : s.participants()) {
                    if (want.stillListedSids().contains(p.sid())) {
                        stillListedChecked++;
                        assertEquals(s.endedAt(), p.leftAt(), at + " " + p.sid());
                        assertNull(p.disconnectReason(), at + " " + p.sid());
                        assertEquals(want.endedBy(), p.endedBy(), at + " " + p.sid());
                    } else {
                        assertFalse(p.endedBy() == null || p.endedBy().equals("room_finished"), at + " " + p.sid());
                    }
                }
            }
        }
        assertEquals(live, projection.activeRooms().size(), label);
        return new int[] {live, stillListedChecked, superseded, ingress, recording, publishing, presumed};
    }
}
