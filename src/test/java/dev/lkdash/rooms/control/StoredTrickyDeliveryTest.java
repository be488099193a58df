package dev.lkdash.rooms.control;

import dev.lkdash.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The delivery hazards on the stored state in H2: recorded through {@link RoomState}, read from the read model. */
class StoredTrickyDeliveryTest extends TrickyDeliveryTest {

    private final List<TestDatabase> databases = new ArrayList<>();

    TestDatabase open() {
        return TestDatabase.h2();
    }

    @Override
    StateUnderTest empty() {
        TestDatabase db = open();
        databases.add(db);
        return StateUnderTest.of(new StoredProjection(db, FixtureSessionTest.CLOCK));
    }

    @AfterEach
    void close() {
        databases.forEach(TestDatabase::close);
    }
}
