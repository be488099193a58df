package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The convergence orders against the application's state on PostgreSQL: each delivery recorded through
 * {@link RoomState} (stored, read model derived in the same transaction), then read back from the
 * read model and the live rooms. The result must equal the in-memory projection of the set.
 */
class PostgresConvergenceTest extends ConvergenceCases {

    static TestDatabase db;
    static StoredProjection stored;

    @BeforeAll
    static void open() {
        db = TestDatabase.postgres();
        stored = new StoredProjection(db, FixtureSessionTest.CLOCK);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    ProjectionSnapshot deliver(List<ProjectedEvent> delivery, int distinct) {
        stored.reset();
        for (ProjectedEvent e : delivery) {
            stored.apply(e);
        }
        assertEquals(distinct, stored.eventCount());
        ProjectionSnapshot snapshot = stored.snapshot();
        assertEquals(StoredProjection.totalsOf(snapshot), stored.storedTotals(), "the overview's minutes");
        if (ORDERS.get() % 10 == 0) { // a restart every tenth order: it reads what was stored, not what was kept
            stored.restart();
            assertEquals(snapshot, stored.snapshot(), "the same after a restart");
        }
        return snapshot;
    }
}
