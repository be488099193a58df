package dev.lkdash.rooms.control;

import static dev.lkdash.platform.JsonProviders.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.sessions.control.SessionHistory;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionPage;
import dev.lkdash.sessions.entity.SessionQuery;
import dev.lkdash.sessions.entity.SessionSummary;
import dev.lkdash.stats.control.MinuteCoverage;
import dev.lkdash.stats.entity.MinuteCounts;
import dev.lkdash.store.control.Database;
import dev.lkdash.store.control.EventStore;
import dev.lkdash.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The room state as the application keeps it: events recorded through {@link RoomState} into a
 * database, read back through the read model and the live rooms, as a {@link ProjectionSnapshot}
 * to compare with the in-memory projection's.
 */
final class StoredProjection {

    private final TestDatabase db;
    private final Clock clock;
    private RoomState state;

    /**
     * Records {@code first} into two databases, makes the stored bodies of one unreadable (a
     * derivation that parses them now skips them and loses their sessions), then records
     * {@code then} into both, checking after each event that both hold the same state; the one
     * with unreadable bodies goes to {@code andThen}. It passes only when those events are derived
     * from what memory kept of {@code first}.
     */
    static void derivedFromMemory(Clock clock, List<ProjectedEvent> first, List<ProjectedEvent> then,
                                  Consumer<StoredProjection> andThen) {
        try (TestDatabase db = TestDatabase.h2(); TestDatabase readable = TestDatabase.h2()) {
            StoredProjection fromMemory = new StoredProjection(db, clock);
            StoredProjection reference = new StoredProjection(readable, clock);
            first.forEach(fromMemory::apply);
            first.forEach(reference::apply);
            db.database.transaction(connection -> {
                try (Statement unreadable = connection.createStatement()) {
                    return unreadable.executeUpdate("UPDATE webhook_event SET body = 'unreadable'");
                }
            });
            for (ProjectedEvent event : then) {
                fromMemory.apply(event);
                reference.apply(event);
                assertEquals(reference.snapshot(), fromMemory.snapshot(), "after " + event.eventId());
            }
            andThen.accept(fromMemory);
        }
    }

    StoredProjection(TestDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        reset();
    }

    /** The given state over its database, as it is. */
    StoredProjection(TestDatabase db, Clock clock, RoomState state) {
        this.db = db;
        this.clock = clock;
        this.state = state;
    }

    /** No events, a fresh state (as after a restart on an empty database). */
    void reset() {
        db.clear();
        restart();
    }

    /** A new state over the same database, as after a restart. */
    void restart() {
        state = new RoomState(db.database, clock);
    }

    RoomState state() {
        return state;
    }

    /** Records the event as the webhook endpoint does; null for one stored before. */
    ProjectionUpdate apply(ProjectedEvent event) {
        return state.record(new LiveKitEvent(event.event(), event.job(), event.eventId()), body(event),
                event.receivedAt().toEpochMilli());
    }

    long eventCount() {
        return eventCount(db.database);
    }

    static long eventCount(Database database) {
        return database.read(EventStore::count);
    }

    ProjectionSnapshot snapshot() {
        return snapshot(state, db.database, clock);
    }

    /** What the application serves: the live rooms, and every session read from the read model. */
    static ProjectionSnapshot snapshot(RoomState state, Database database, Clock clock) {
        List<RoomDetail> rooms = new ArrayList<>();
        for (RoomSummary room : state.activeRooms()) {
            rooms.add(state.activeRoom(room.name()).orElseThrow());
        }
        SessionHistory history = new SessionHistory(database, clock);
        List<SessionDetail> sessions = new ArrayList<>();
        String cursor = null;
        do {
            SessionPage page = history.page(new SessionQuery(null, null, null, SessionQuery.MAX_LIMIT, cursor));
            for (SessionSummary summary : page.items()) {
                sessions.add(history.find(summary.sid()).orElseThrow());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new ProjectionSnapshot(List.copyOf(rooms), List.copyOf(sessions));
    }

    /** The overview's per-minute totals as stored. */
    MinuteCoverage storedTotals() {
        return db.database.read(connection -> {
            MinuteCoverage totals = MinuteCoverage.empty();
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT open_ended, minute_start, rooms, participants, "
                         + "publishers, recordings FROM stats_total")) {
                while (rows.next()) {
                    (rows.getBoolean(1) ? totals.openFrom() : totals.closed()).put(rows.getLong(2),
                            new MinuteCounts(rows.getInt(3), rows.getInt(4), rows.getInt(5), rows.getInt(6)));
                }
            }
            return totals;
        });
    }

    /** What the sessions add up to, minute by minute. */
    static MinuteCoverage totalsOf(ProjectionSnapshot snapshot) {
        MinuteCoverage totals = MinuteCoverage.empty();
        for (SessionDetail session : snapshot.sessions()) {
            totals = totals.plus(MinuteCoverage.of(session));
        }
        return totals;
    }

    /** The body LiveKit would have sent: the event's protobuf JSON, with the agent job at the top level. */
    static byte[] body(ProjectedEvent event) {
        try {
            String json = JsonFormat.printer().print(event.event());
            if (event.job() != null) {
                JsonObject object = JSON.createReader(new StringReader(json)).readObject();
                JsonObject job = JSON.createReader(new StringReader(JsonFormat.printer().print(event.job())))
                        .readObject();
                json = JSON.createObjectBuilder(object).add("job", job).build().toString();
            }
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
