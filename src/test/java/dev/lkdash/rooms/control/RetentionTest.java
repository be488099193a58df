package dev.lkdash.rooms.control;

import static dev.lkdash.rooms.control.Events.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitIngress.IngressState.Status;
import livekit.LivekitModels;
import livekit.LivekitModels.ParticipantInfo.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention on the stored state: sessions that ended before the cutoff go whole (their
 * room-name-only events too), sessions still live or ended after it stay whole however old, other
 * old events go; what stays reads as the projection of the events that stay.
 */
class RetentionTest {

    /** Seconds; the cutoff. */
    private static final long CUT = 10_000;

    private TestDatabase db;
    private StoredProjection stored;

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        stored = new StoredProjection(db, FixtureSessionTest.CLOCK);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void endedSessionsGoWholeLiveOnesStayWhole() {
        LivekitModels.Room old = room("RM_old", "lobby", 1_000);
        LivekitModels.Room live = room("RM_live", "stage", 2_000);
        LivekitModels.Room recent = room("RM_recent", "lobby", 9_000);
        LivekitModels.ParticipantInfo alice = participant("PA_alice", "alice", Kind.STANDARD, 1_001);
        LivekitModels.ParticipantInfo bob = participant("PA_bob", "bob", Kind.STANDARD, 2_001);
        List<ProjectedEvent> gone = List.of(roomStarted("EV_o1", 1_000, old), joined("EV_o2", 1_001, old, alice),
                roomFinished("EV_o3", 1_500, old),
                ingress("EV_o4", "ingress_started", 1_100, ingressInfo("IN_1", "lobby", Status.ENDPOINT_PUBLISHING)),
                event("EV_orphan", "something_else", 1_200, b -> { }));
        List<ProjectedEvent> kept = List.of(roomStarted("EV_l1", 2_000, live), joined("EV_l2", 2_001, live, bob),
                ingress("EV_l3", "ingress_started", 2_100, ingressInfo("IN_2", "stage", Status.ENDPOINT_PUBLISHING)),
                roomStarted("EV_r1", 9_000, recent), roomFinished("EV_r2", 10_500, recent));
        List<ProjectedEvent> all = new ArrayList<>(gone);
        all.addAll(kept);
        all.forEach(stored::apply);
        assertEquals(3, stored.snapshot().sessions().size());

        int deleted = stored.state().prune(Instant.ofEpochSecond(CUT));

        assertEquals(gone.size(), deleted);
        assertEquals(kept.size(), stored.eventCount());
        ProjectionSnapshot expected = RoomProjection.rebuild(kept, FixtureSessionTest.CLOCK).snapshot();
        Snapshots.assertSame(expected, stored.snapshot(), "what stays");
        assertEquals(StoredProjection.totalsOf(expected), stored.storedTotals(), "the overview's minutes");
        assertTrue(stored.state().knows("RM_live"));
        assertEquals(0, stored.state().prune(Instant.ofEpochSecond(CUT)), "nothing more to delete");
        stored.restart();
        Snapshots.assertSame(expected, stored.snapshot(), "after a restart");
    }
}
