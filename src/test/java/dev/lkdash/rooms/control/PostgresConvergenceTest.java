package dev.lkdash.rooms.control;

import dev.lkdash.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The convergence orders against the application's state on PostgreSQL. */
class PostgresConvergenceTest extends StoredConvergenceCases {

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
    StoredProjection stored() {
        return stored;
    }
}
