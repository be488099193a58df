package dev.lkdash.store.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Demo traffic never reaches the real history: with the demo on, the database is one of its own in memory. */
class DemoDatabaseTest {

    @TempDir
    Path dataDir;

    private Database database(boolean demo) {
        Database database = new Database();
        database.dataDir = dataDir.toString();
        database.configuredUrl = Optional.empty();
        database.user = Optional.empty();
        database.password = Optional.empty();
        database.poolSize = 2;
        database.demo = demo;
        database.open();
        return database;
    }

    @Test
    void theDemoKeepsItsEventsInMemoryAndTheRealHistoryIsNotOpened() throws Exception {
        Database demo = database(true);
        demo.transaction(connection -> connection.createStatement().executeUpdate("INSERT INTO webhook_event "
                + "(event_id, name, created_at, received_at, body) VALUES ('EV_demo', 'room_started', 1, 1, '{}')"));
        assertEquals(1, (long) demo.read(EventStore::count));
        try (var files = Files.list(dataDir)) {
            assertEquals(0, files.count(), "no file in the data dir: the real history is untouched");
        }
        demo.close();

        Database again = database(true);
        assertEquals(0, (long) again.read(EventStore::count), "gone with the application that played it");
        again.close();

        Database real = database(false);
        assertEquals(0, (long) real.read(EventStore::count), "none of it in the real history");
        real.close();
        assertTrue(Files.exists(dataDir.resolve("events.mv.db")));
    }
}
