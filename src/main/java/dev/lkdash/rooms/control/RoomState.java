package dev.lkdash.rooms.control;

import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.rooms.entity.QuietRoom;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.sessions.control.SessionStore;
import dev.lkdash.sessions.entity.SessionSpan;
import dev.lkdash.stats.control.LiveTotals;
import dev.lkdash.stats.control.StatsStore;
import dev.lkdash.stats.entity.StatsTotals;
import dev.lkdash.store.control.Database;
import dev.lkdash.store.control.EventStore;
import dev.lkdash.store.control.ReadModelVersion;
import dev.lkdash.store.entity.RecordedEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.sql.Connection;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The room state: every accepted event is stored together with the read model rows it changes,
 * in one transaction (see {@link ReadModel}); memory holds only the live rooms, loaded from the
 * read model at start-up.
 * <p>
 * Changes take one lock, so that two events of one room are never derived from each other's
 * uncommitted rows; reads take none. Events waiting for the lock are committed together (group
 * commit), derived one after the other in one transaction.
 */
@ApplicationScoped
public class RoomState implements RoomReads, LiveTotals {

    private static final Logger LOG = Logger.getLogger(RoomState.class.getName());
    /** Room sessions deleted per transaction by the retention: each batch holds up ingest only briefly. */
    static final int PRUNE_BATCH = 50;
    /** Other old events deleted per transaction. */
    static final int ORPHAN_BATCH = 1000;
    /** Nameless sessions derived per transaction when existing history enters the read model. */
    static final int DERIVE_BATCH = 200;
    /** Live sessions whose events and rows are cached; beyond this many (never seen) they are read again. */
    static final int CACHED_SESSIONS = 10_000;
    /** Events committed together at most: bounds how long the first of them waits for the others. */
    static final int GROUP_COMMIT_MAX = 64;

    @Inject
    Database database;

    private final Clock clock;
    private final ReentrantLock changes = new ReentrantLock();
    private final LiveRooms live = new LiveRooms();
    private final SessionCache cache = new SessionCache(CACHED_SESSIONS);
    private final Queue<Recording> waiting = new ConcurrentLinkedQueue<>();

    protected RoomState() {
        this.clock = Clock.systemUTC();
    }

    /** Outside the container (tests, tools). */
    public RoomState(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        load();
    }

    /** Builds the state when the application starts, not on the first webhook. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "Room state holds " + live.size() + " live rooms");
    }

    @PostConstruct
    void load() {
        long began = System.nanoTime();
        migrateReadModel();
        for (String sid : database.read(SessionStore::liveSids)) {
            committed(database.transaction(connection -> ReadModel.rederive(connection, sid, clock, cache)));
        }
        LOG.info(() -> String.format("Room state loaded in %d ms: %d live rooms",
                (System.nanoTime() - began) / 1_000_000, live.size()));
    }

    /** Derives the read model from the stored events when it holds an older derivation (or none). */
    private void migrateReadModel() {
        int version = database.read(ReadModelVersion::get);
        if (version >= ReadModel.VERSION) {
            return;
        }
        long began = System.nanoTime();
        LOG.info(() -> "Deriving the read model (version " + version + " -> " + ReadModel.VERSION
                + ") from the stored events");
        String after = "";
        List<String> names;
        do {
            String from = after;
            names = database.read(connection -> EventStore.roomNames(connection, from, DERIVE_BATCH));
            for (String name : names) {
                database.transaction(connection -> {
                    ReadModel.deriveRoomName(connection, name, clock);
                    return null;
                });
            }
            after = names.isEmpty() ? after : names.get(names.size() - 1);
        } while (names.size() == DERIVE_BATCH);
        after = "";
        List<String> sids;
        do {
            String from = after;
            sids = database.read(connection -> EventStore.unnamedSessions(connection, from, DERIVE_BATCH));
            List<String> batch = sids;
            database.transaction(connection -> {
                ReadModel.deriveUnnamed(connection, batch, clock);
                return null;
            });
            after = sids.isEmpty() ? after : sids.get(sids.size() - 1);
        } while (sids.size() == DERIVE_BATCH);
        database.transaction(connection -> {
            ReadModelVersion.set(connection, ReadModel.VERSION);
            return null;
        });
        LOG.info(() -> String.format("Read model derived in %d ms", (System.nanoTime() - began) / 1_000_000));
    }

    /**
     * Records an accepted webhook: stores it with the read model rows it changes, committed when
     * this returns. Concurrent calls share transactions: whoever holds the change lock commits
     * every event waiting at that moment in one transaction (one flush to disk), and each caller
     * returns once the transaction holding its event committed.
     *
     * @param body the verified body as received
     * @return the event's session and its summary after it, or null when the event is stored already
     *         (a LiveKit retry)
     * @throws RuntimeException when the event could not be stored; nothing changed then
     */
    public ProjectionUpdate record(LiveKitEvent accepted, byte[] body, long acceptedAt) {
        ProjectedEvent event = new ProjectedEvent(accepted.webhookId(), accepted.event(), accepted.job(),
                Instant.ofEpochMilli(acceptedAt));
        Attachment room = Attachment.of(event, EventType.of(event.name()));
        RecordedEvent row = new RecordedEvent(event.eventId(), event.name(), room.hasSid() ? room.sid() : null,
                room.hasName() ? room.name() : null, event.createdAtMillis(), acceptedAt,
                new String(body, StandardCharsets.UTF_8));
        Recording mine = new Recording(event, row, new CompletableFuture<>());
        waiting.add(mine);
        changes.lock();
        try {
            if (!mine.outcome().isDone()) {
                recordWaiting();
            }
        } finally {
            changes.unlock();
        }
        try {
            return mine.outcome().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** An event waiting for its transaction, and the answer its caller gets. */
    private record Recording(ProjectedEvent event, RecordedEvent row, CompletableFuture<ProjectionUpdate> outcome) {
    }

    /**
     * Records the waiting events, up to {@link #GROUP_COMMIT_MAX} in one transaction. When that
     * transaction fails, each of them is tried alone, so that one event that cannot be stored
     * fails only its own webhook.
     */
    private void recordWaiting() {
        List<Recording> group = new ArrayList<>();
        for (Recording next; group.size() < GROUP_COMMIT_MAX && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            complete(group, database.transaction(connection -> derive(connection, group)));
        } catch (RuntimeException groupFailed) {
            cache.clear(); // it may hold what the rolled-back transaction derived
            if (group.size() == 1) {
                group.get(0).outcome().completeExceptionally(groupFailed);
                return;
            }
            for (Recording alone : group) {
                try {
                    List<Recording> one = List.of(alone);
                    complete(one, database.transaction(connection -> derive(connection, one)));
                } catch (RuntimeException failed) {
                    cache.clear();
                    alone.outcome().completeExceptionally(failed);
                }
            }
        }
    }

    /**
     * Stores each event not stored yet and derives what it changes, in order; the cache follows
     * each derivation at once, since the next one in the transaction reads it.
     */
    private List<ReadModel.Derived> derive(Connection connection, List<Recording> group) throws SQLException {
        List<ReadModel.Derived> derived = new ArrayList<>(group.size());
        for (Recording recording : group) {
            if (EventStore.contains(connection, recording.row().eventId())) {
                derived.add(null);
                continue;
            }
            EventStore.insert(connection, recording.row());
            ReadModel.Derived change = ReadModel.derive(connection, recording.event(), clock, cache);
            cached(change);
            derived.add(change);
        }
        return derived;
    }

    /** After the commit: live rooms take the changes, callers get their answers. */
    private void complete(List<Recording> group, List<ReadModel.Derived> derived) {
        for (int i = 0; i < group.size(); i++) {
            ReadModel.Derived change = derived.get(i);
            if (change != null) {
                live.update(change.rooms());
            }
            group.get(i).outcome().complete(change == null ? null : change.update());
        }
    }

    /** Takes what a committed derivation changed into memory. */
    private void committed(ReadModel.Derived derived) {
        cached(derived);
        live.update(derived.rooms());
    }

    private void cached(ReadModel.Derived derived) {
        derived.rooms().keySet().forEach(sid -> {
            SessionCache.Entry entry = derived.cache().get(sid);
            if (entry != null) {
                cache.put(sid, entry);
            } else {
                cache.remove(sid);
            }
        });
    }

    /** Whether the event is stored. */
    public boolean contains(String eventId) {
        return database.read(connection -> EventStore.contains(connection, eventId));
    }

    @Override
    public List<RoomSummary> activeRooms() {
        return live.summaries();
    }

    @Override
    public StatsTotals liveTotals() {
        return live.totals();
    }

    /** The live rooms nobody holds open, from memory. */
    public List<QuietRoom> quietRooms() {
        return live.quiet();
    }

    public Optional<RoomDetail> activeRoom(String name) {
        return live.byName(name);
    }

    @Override
    public Optional<List<ParticipantView>> activeRoomParticipants(String name) {
        return live.participants(name);
    }

    @Override
    public boolean knows(String sid) {
        return live.isLive(sid) || database.read(connection -> SessionStore.span(connection, sid)).isPresent();
    }

    /**
     * Deletes the room sessions that ended before the cutoff with all their events, then every other
     * event older than the cutoff that belongs to no session, a batch per transaction.
     *
     * @return the number of events deleted
     */
    public int prune(Instant cutoff) {
        long cut = cutoff.toEpochMilli();
        int deleted = 0;
        while (true) {
            Pruned pruned = inChange(() -> {
                Pruned done = database.transaction(connection -> pruneSessions(connection, cut));
                done.derived().forEach(this::committed);
                return done;
            });
            if (pruned.sessions() == 0) {
                break;
            }
            deleted += pruned.events();
        }
        int batch;
        do {
            batch = inChange(() -> database.transaction(connection ->
                    EventStore.delete(connection, List.of(), EventStore.orphansBefore(connection, cut, ORPHAN_BATCH))));
            deleted += batch;
        } while (batch > 0);
        return deleted;
    }

    /** One batch of the retention: how many sessions and events went, and what that changed. */
    private record Pruned(int sessions, int events, List<ReadModel.Derived> derived) {
    }

    private Pruned pruneSessions(Connection connection, long cut) throws SQLException {
        List<String> sids = SessionStore.endedBefore(connection, cut, PRUNE_BATCH);
        if (sids.isEmpty()) {
            return new Pruned(0, 0, List.of());
        }
        Set<String> survivors = new LinkedHashSet<>();
        for (String sid : sids) {
            Optional<SessionSpan> span = SessionStore.span(connection, sid);
            if (span.isPresent() && !span.get().roomName().isEmpty()) {
                SessionStore.before(connection, span.get().roomName(), span.get().startedAt(), sid, sids)
                        .ifPresent(p -> survivors.add(p.sid()));
            }
        }
        int events = EventStore.delete(connection, sids, SessionStore.nameOnlyEventsOf(connection, sids));
        SessionStore.delete(connection, sids);
        StatsStore.delete(connection, sids);
        List<ReadModel.Derived> derived = new ArrayList<>();
        for (String survivor : survivors) {
            derived.add(ReadModel.rederive(connection, survivor, clock, cache)); // its successor is gone
        }
        sids.forEach(cache::remove);
        return new Pruned(sids.size(), events, derived);
    }

    private <T> T inChange(Supplier<T> work) {
        changes.lock();
        try {
            return work.get();
        } finally {
            changes.unlock();
        }
    }
}
