package dev.lkdash.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.TestDatabase;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    private final TestDatabase db = TestDatabase.h2();
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final SessionStore sessions = store();

    private SessionStore store() {
        AuthSettings settings = new AuthSettings();
        settings.sessionIdleMinutes = 60;
        settings.sessionMaxHours = 12;
        SessionStore store = new SessionStore();
        store.database = db.database;
        store.settings = settings;
        store.clock = now::get;
        return store;
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aTokenFindsItsSessionAndTheTableHoldsOnlyItsHash() throws Exception {
        String token = sessions.open("admin");
        assertEquals("admin", sessions.find(token).orElseThrow().username());
        assertEquals(Optional.empty(), sessions.find(token + "x"));
        String stored = db.database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT token_hash FROM auth_session")) {
                row.next();
                return row.getString(1);
            }
        });
        assertFalse(stored.contains(token));
        assertEquals(SessionStore.hash(token), stored);
    }

    @Test
    void closingEndsTheSession() {
        String token = sessions.open("admin");
        sessions.close(token);
        assertTrue(sessions.find(token).isEmpty());
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutHasEnded() {
        String token = sessions.open("admin");
        now.addAndGet(59 * 60_000);
        assertTrue(sessions.find(token).isPresent(), "used within the idle time: restarts it");
        now.addAndGet(59 * 60_000);
        assertTrue(sessions.find(token).isPresent(), "idle time counts from the last use");
        now.addAndGet(61 * 60_000);
        assertTrue(sessions.find(token).isEmpty());
    }

    @Test
    void aSessionEndsAtItsMaximumAgeHoweverBusy() {
        String token = sessions.open("admin");
        for (int i = 0; i < 12 * 2; i++) {
            now.addAndGet(30 * 60_000);
            sessions.find(token);
        }
        now.addAndGet(60_000);
        assertTrue(sessions.find(token).isEmpty());
    }
}
