package dev.lkdash.rooms.control;

import dev.lkdash.testing.TestDatabase;

/** The delivery hazards on the stored state in PostgreSQL. */
class PostgresTrickyDeliveryTest extends StoredTrickyDeliveryTest {

    @Override
    TestDatabase open() {
        return TestDatabase.postgres();
    }
}
