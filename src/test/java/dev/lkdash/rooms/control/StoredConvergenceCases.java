package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.rooms.entity.ProjectedEvent;
import java.util.List;

/**
 * The convergence orders against the application's state in a database: each delivery recorded
 * through {@link RoomState} (stored, read model derived in the same transaction), then read back
 * from the read model and the live rooms. The result must equal the in-memory projection of the set.
 */
abstract class StoredConvergenceCases extends ConvergenceCases {

    /** The state over the database of the concrete test. */
    abstract StoredProjection stored();

    @Override
    ProjectionSnapshot deliver(List<ProjectedEvent> delivery, int distinct) {
        StoredProjection stored = stored();
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
