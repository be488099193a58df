package dev.lkdash.rooms.control;

import dev.lkdash.events.control.RedisStream;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.events.entity.RoomChangedElsewhere;
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
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The room state: every accepted event is stored together with the read model rows it changes,
 * in one transaction (see {@link ReadModel}); memory holds only the live rooms, loaded from the
 * read model at start-up.
 * <p>
 * Changes take one lock, so that two events of one room are never derived from each other's
 * uncommitted rows; reads take none. Events waiting for the lock are committed together (group
 * commit), derived one after the other in one transaction.
 * <p>
 * With {@code dashboard.bus=redis} several instances change one database: every change
 * transaction first takes a PostgreSQL advisory lock (one writer at a time across instances) and
 * a number from the {@code room_change} sequence, which therefore follows commit order. When the
 * number is not the one after this instance's previous change, another instance changed rows
 * meanwhile and the cached sessions are forgotten. Each message carries the live rooms its change
 * left ({@link SharedLiveState}); the other instances take them into memory as they are, the newest
 * change of each room winning, without touching the database.
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
    /** Sessions re-derived per transaction by a background upgrade: each holds up ingest only briefly. */
    static final int UPGRADE_BATCH = 20;
    private static final long UPGRADE_LOG_INTERVAL_NS = 10_000_000_000L;
    /** Names the advisory lock of changes to a schema's read model (with the schema's name). */
    private static final String CHANGE_LOCK = "lkdash.read-model-change:";

    @Inject
    Database database;

    /** {@code redis}: other instances change the same database. */
    @Inject
    @ConfigProperty(name = "dashboard.bus", defaultValue = "local")
    String bus = "local";

    /** Runs the background upgrade of the read model in the container. */
    @Resource
    ManagedExecutorService executor;

    private final Clock clock;
    private final ReentrantLock changes = new ReentrantLock();
    private final LiveRooms live = new LiveRooms();
    private final SessionCache cache = new SessionCache(CACHED_SESSIONS);
    private final Queue<Recording> waiting = new ConcurrentLinkedQueue<>();
    private Executor upgrades;
    private volatile Upgrade upgrade;
    private volatile boolean stopping;

    protected RoomState() {
        this.clock = Clock.systemUTC();
    }

    /** Outside the container (tests, tools). */
    public RoomState(Database database, Clock clock) {
        this(database, clock, Runnable::run);
    }

    /** Outside the container, with the executor that runs a read model upgrade. */
    RoomState(Database database, Clock clock, Executor upgrades) {
        this.database = database;
        this.clock = clock;
        this.upgrades = upgrades;
        load();
    }

    /** Builds the state when the application starts, not on the first webhook. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "Room state holds " + live.size() + " live rooms");
    }

    @PostConstruct
    void load() {
        long began = System.nanoTime();
        int version = database.read(ReadModelVersion::get);
        if (version == 0) {
            deriveReadModel();
        }
        if (isShared()) {
            // every change numbered up to here has committed: what follows is read with it
            live.loadedThrough(ChangeOrder.through(database.transaction(connection -> exclusive(connection, cache))));
        }
        for (String sid : database.read(SessionStore::liveSids)) {
            committed(database.transaction(connection -> {
                long change = exclusive(connection, cache);
                return new Changes(change, List.of(ReadModel.rederive(connection, sid, clock, cache)));
            }));
        }
        LOG.info(() -> String.format("Room state loaded in %d ms: %d live rooms",
                (System.nanoTime() - began) / 1_000_000, live.size()));
        if (version > 0 && version < ReadModel.VERSION) {
            upgrade = new Upgrade(version, database.read(SessionStore::count));
            (upgrades != null ? upgrades : executor).execute(this::upgradeReadModel);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /**
     * Derives the read model from the stored events when there is none yet (a database of the
     * release before it): every room name's sessions at once, before the state can say which rooms
     * are live.
     */
    private void deriveReadModel() {
        long began = System.nanoTime();
        LOG.info(() -> "Deriving the read model (version " + ReadModel.VERSION + ") from the stored events");
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
     * Brings a read model of an older derivation to this one while the dashboard serves: the live
     * sessions were re-derived at load, the others follow a few per transaction, each taking the
     * change lock only for its batch, so ingest goes on. Until a session is reached, reads show it
     * as the older derivation did. Interrupted by a stop, it starts over at the next start.
     */
    private void upgradeReadModel() {
        Upgrade running = upgrade;
        long began = System.nanoTime();
        long logged = began;
        LOG.info(() -> String.format("Upgrading the read model from version %d to %d in the background: %d sessions",
                running.from(), ReadModel.VERSION, running.total()));
        try {
            String after = "";
            List<String> sids;
            do {
                if (stopping) {
                    LOG.info(() -> String.format("Read model upgrade stopped after %d of %d sessions; it starts "
                            + "again at the next start", running.done().get(), running.total()));
                    return;
                }
                String from = after;
                sids = database.read(connection -> SessionStore.sidsAfter(connection, from, UPGRADE_BATCH));
                List<String> batch = sids;
                inChange(() -> {
                    committed(database.transaction(connection -> {
                        long change = exclusive(connection, cache);
                        List<ReadModel.Derived> derived = new ArrayList<>(batch.size());
                        for (String sid : batch) {
                            derived.add(ReadModel.rederive(connection, sid, clock, cache));
                        }
                        return new Changes(change, derived);
                    }));
                    return null;
                });
                running.done().addAndGet(sids.size());
                after = sids.isEmpty() ? after : sids.get(sids.size() - 1);
                if (System.nanoTime() - logged > UPGRADE_LOG_INTERVAL_NS) {
                    logged = System.nanoTime();
                    LOG.info(() -> "Read model upgrade: " + running.progress());
                }
            } while (sids.size() == UPGRADE_BATCH);
            database.transaction(connection -> {
                ReadModelVersion.set(connection, ReadModel.VERSION);
                return null;
            });
            upgrade = null;
            LOG.info(() -> String.format("Read model upgraded to version %d: %d sessions in %d s", ReadModel.VERSION,
                    running.done().get(), (System.nanoTime() - began) / 1_000_000_000));
        } catch (RuntimeException failed) {
            if (stopping) {
                LOG.info(() -> "Read model upgrade stopped with the application; it starts again at the next start");
            } else {
                LOG.log(Level.WARNING, "Read model upgrade failed after " + running.progress()
                        + "; it starts again at the next start", failed);
            }
        }
    }

    /** A background upgrade of the read model: from which version, and how far it got. */
    private record Upgrade(int from, long total, AtomicLong done) {
        Upgrade(int from, long total) {
            this(from, total, new AtomicLong());
        }

        /** Sessions that began meanwhile count too: they were derived anew already. */
        String progress() {
            long reached = done.get();
            return reached + " of " + Math.max(total, reached) + " sessions";
        }
    }

    /** How far a background upgrade of the read model got, while one runs. */
    public Optional<String> readModelUpgrade() {
        Upgrade running = upgrade;
        return running == null ? Optional.empty() : Optional.of(running.progress());
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
        Recording mine = Recording.of(accepted, body, acceptedAt);
        waiting.add(mine);
        changes.lock();
        try {
            if (!mine.outcome().isDone()) {
                recordWaiting();
            }
        } finally {
            changes.unlock();
        }
        Committed committed;
        try {
            committed = mine.outcome().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        if (committed == null) {
            return null;
        }
        ProjectionUpdate update = committed.derived().update();
        // written here, off the change lock: the other instances' copy of what this change left
        return isShared() ? update.withSharedChange(SharedLiveState.json(committed.order(), committed.derived().rooms()))
                : update;
    }

    /** An event's derivation, committed, and its place in commit order (null on one instance). */
    private record Committed(ReadModel.Derived derived, ChangeOrder order) {
    }

    /**
     * Stores and derives the events, in order, as {@link #record} would, in one transaction that
     * is rolled back and with a cache of its own: nothing is kept and the live rooms never see
     * them. Run before the dashboard reports ready, so that the first real webhook after a start
     * finds the statements prepared and the code compiled rather than paying for it.
     *
     * @param bodies each event's body, in the events' order
     * @return what recording each event would have answered
     */
    public List<ProjectionUpdate> rehearse(List<LiveKitEvent> events, List<byte[]> bodies, long acceptedAt) {
        if (events.size() != bodies.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + bodies.size() + " bodies");
        }
        List<Recording> group = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            group.add(Recording.of(events.get(i), bodies.get(i), acceptedAt));
        }
        SessionCache own = new SessionCache(events.size());
        List<ReadModel.Derived> derived = inChange(() -> database.rolledBack(connection -> derive(connection, group, own)))
                .derived();
        List<ProjectionUpdate> updates = new ArrayList<>(derived.size());
        derived.forEach(change -> updates.add(change == null ? null : change.update()));
        return updates;
    }

    /** An event waiting for its transaction, and the answer its caller gets. */
    private record Recording(ProjectedEvent event, RecordedEvent row, CompletableFuture<Committed> outcome) {

        static Recording of(LiveKitEvent accepted, byte[] body, long acceptedAt) {
            ProjectedEvent event = new ProjectedEvent(accepted.webhookId(), accepted.event(), accepted.job(),
                    Instant.ofEpochMilli(acceptedAt));
            Attachment room = Attachment.of(event, EventType.of(event.name()));
            RecordedEvent row = new RecordedEvent(event.eventId(), event.name(), room.hasSid() ? room.sid() : null,
                    room.hasName() ? room.name() : null, event.createdAtMillis(), acceptedAt,
                    new String(body, StandardCharsets.UTF_8));
            return new Recording(event, row, new CompletableFuture<>());
        }
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
            complete(group, database.transaction(connection -> derive(connection, group, cache)));
        } catch (RuntimeException groupFailed) {
            cache.clear(); // it may hold what the rolled-back transaction derived
            if (group.size() == 1) {
                group.get(0).outcome().completeExceptionally(groupFailed);
                return;
            }
            for (Recording alone : group) {
                try {
                    List<Recording> one = List.of(alone);
                    complete(one, database.transaction(connection -> derive(connection, one, cache)));
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
    private Changes derive(Connection connection, List<Recording> group, SessionCache cache) throws SQLException {
        long change = exclusive(connection, cache);
        List<ReadModel.Derived> derived = new ArrayList<>(group.size());
        for (Recording recording : group) {
            if (EventStore.contains(connection, recording.row().eventId())) {
                derived.add(null);
                continue;
            }
            EventStore.insert(connection, recording.row());
            ReadModel.Derived one = ReadModel.derive(connection, recording.event(), clock, cache);
            cached(cache, one);
            derived.add(one);
        }
        return new Changes(change, derived);
    }

    /**
     * What one change transaction derived, in order (null for an event stored already).
     *
     * @param change its number in commit order across instances; 0 on one instance
     */
    private record Changes(long change, List<ReadModel.Derived> derived) {
    }

    /**
     * With other instances on the database: waits for their change transactions (a transaction
     * lock, released at commit or rollback), then numbers this one; the cache is forgotten when
     * another instance took a number since its previous change (it may have changed those rows).
     * Nothing to do on one instance.
     *
     * @return the change's number, which follows commit order; 0 on one instance
     */
    private long exclusive(Connection connection, SessionCache cache) throws SQLException {
        if (!isShared()) {
            return 0;
        }
        long change;
        // the subquery (kept apart by OFFSET 0) takes the lock before the number is drawn
        try (var statement = connection.createStatement();
             var numbered = statement.executeQuery("SELECT nextval('room_change') FROM (SELECT pg_advisory_xact_lock("
                     + "hashtext('" + CHANGE_LOCK + "' || current_schema())) OFFSET 0) AS locked")) {
            numbered.next();
            change = numbered.getLong(1);
        }
        cache.changeTaken(change);
        return change;
    }

    private boolean isShared() {
        return RedisStream.isRedis(bus);
    }

    /**
     * Another instance changed room sessions: the live rooms it left are taken as they are (unless
     * a later change of a room is held already), before the message that says so reaches this
     * instance's clients.
     */
    void onChangedElsewhere(@Observes RoomChangedElsewhere changed) {
        if (!isShared() || stopping) {
            return;
        }
        SharedLiveState.Taken taken = SharedLiveState.read(changed.change());
        live.update(taken.rooms(), taken.order());
    }

    /** After the commit: live rooms take the changes, callers get their answers. */
    private void complete(List<Recording> group, Changes changes) {
        for (int i = 0; i < group.size(); i++) {
            ReadModel.Derived change = changes.derived().get(i);
            ChangeOrder order = new ChangeOrder(changes.change(), i);
            if (change != null) {
                takeLive(change, order);
            }
            group.get(i).outcome().complete(change == null ? null : new Committed(change, order));
        }
    }

    /** Takes what a committed transaction's derivations changed into memory. */
    private void committed(Changes changes) {
        for (int i = 0; i < changes.derived().size(); i++) {
            ReadModel.Derived derived = changes.derived().get(i);
            cached(cache, derived);
            takeLive(derived, new ChangeOrder(changes.change(), i));
        }
    }

    private void takeLive(ReadModel.Derived derived, ChangeOrder order) {
        if (isShared()) {
            live.update(derived.rooms(), order);
        } else {
            live.update(derived.rooms());
        }
    }

    private static void cached(SessionCache into, ReadModel.Derived derived) {
        derived.rooms().keySet().forEach(sid -> {
            SessionCache.Entry entry = derived.cache().get(sid);
            if (entry != null) {
                into.put(sid, entry);
            } else {
                into.remove(sid);
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
                committed(done.derived());
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
    private record Pruned(int sessions, int events, Changes derived) {
    }

    private Pruned pruneSessions(Connection connection, long cut) throws SQLException {
        long change = exclusive(connection, cache);
        List<String> sids = SessionStore.endedBefore(connection, cut, PRUNE_BATCH);
        if (sids.isEmpty()) {
            return new Pruned(0, 0, new Changes(change, List.of()));
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
        return new Pruned(sids.size(), events, new Changes(change, derived));
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
