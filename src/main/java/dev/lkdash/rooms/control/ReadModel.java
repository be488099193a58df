package dev.lkdash.rooms.control;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.sessions.control.SessionStore;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionSpan;
import dev.lkdash.stats.control.MinuteCoverage;
import dev.lkdash.stats.control.StatsStore;
import dev.lkdash.store.control.EventStore;
import dev.lkdash.store.entity.RecordedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the read model (the session, participant, track, egress, ingress, agent-job, timeline and
 * per-minute tables) equal to the {@link RoomProjection} of every stored event, one change at a
 * time, inside the transaction that made the change.
 * <p>
 * A session's rows depend on its own events, on the start of the next session of its name
 * (which ends it when its {@code room_finished} was lost) and on the room-name-only events
 * around it with the sessions that compete for them (attach windows). So a change re-derives
 * only the sessions it can reach: the session the event names, its predecessors when its place
 * among its name's sessions moved, and every session that held or now holds a room-name-only
 * event in the windows that moved. Those are projected from their own stored events, with their
 * neighbours pinned from their stored rows; the cost is bounded by the sessions involved, never by
 * the history. Most events belong to a live session and leave it live, under its name, with its
 * start: those are applied to the session's projection kept in memory, and only its rows are
 * compared and written, without reading anything.
 */
final class ReadModel {

    /**
     * The derivation the rows hold; a stored version below it is derived again from the events.
     * 2: sessions keep what ended them ({@code ended_by}).
     */
    static final int VERSION = 2;

    private static final Logger LOG = Logger.getLogger(ReadModel.class.getName());
    private static final long OPEN = Long.MAX_VALUE;
    /** A room-name-only event attaches to a session starting at most this long after it... */
    static final long BEFORE = RoomProjection.ATTACH_BEFORE_START_MS;
    /** ...or to one that ended at most this long before it. */
    static final long AFTER = RoomProjection.ATTACH_END_AFTER_END_MS;

    /**
     * What a derivation changed.
     *
     * @param update the event's session and its summary now (null when re-deriving without an event)
     * @param rooms  every session re-derived: its live room, or empty when it is not live (or gone)
     * @param cache  what a session cache may hold of the live ones once this commits
     */
    record Derived(ProjectionUpdate update, Map<String, Optional<LiveRoom>> rooms,
                   Map<String, SessionCache.Entry> cache) {
    }

    /** A span of time of one room name whose room-name-only events may change owner. */
    private record Window(String roomName, long from, long to) {
    }

    private final Connection connection;
    private final Clock clock;
    private final SessionCache cache;
    private final Map<String, ProjectedEvent> parsed = new HashMap<>();
    /** The events of each session as loaded for this derivation. */
    private final Map<String, List<ProjectedEvent>> loaded = new HashMap<>();
    /** Sessions found to have no rows stored (new ones): writing them needs no read of their rows. */
    private final Set<String> rowless = new HashSet<>();
    /** The event being derived, when there is one: the cache does not hold it yet. */
    private ProjectedEvent derived;

    private ReadModel(Connection connection, Clock clock, SessionCache cache) {
        this.connection = connection;
        this.clock = clock;
        this.cache = cache;
    }

    /** Derives what a stored event changes; the event must be inserted in this transaction first. */
    static Derived derive(Connection connection, ProjectedEvent event, Clock clock, SessionCache cache)
            throws SQLException {
        ReadModel model = new ReadModel(connection, clock, cache);
        model.parsed.put(event.eventId(), event);
        cache.parsedAlready(event);
        model.derived = event;
        Attachment attachment = Attachment.of(event, EventType.of(event.name()));
        if (attachment.hasSid()) {
            Derived live = model.continueLive(attachment.sid(), event);
            return live != null ? live : model.run(attachment.sid(), null, event);
        }
        if (attachment.hasName()) {
            Derived live = model.continueLiveNamed(attachment.name(), event);
            if (live != null) {
                return live;
            }
            long t = event.createdAtMillis();
            return model.run(null, new Window(attachment.name(), t, t), event);
        }
        return new Derived(new ProjectionUpdate(event.eventId(), false, null, null, false, null), Map.of(), Map.of());
    }

    /** Re-derives a session whose neighbours changed (one was deleted), and what that reaches. */
    static Derived rederive(Connection connection, String sid, Clock clock, SessionCache cache) throws SQLException {
        return new ReadModel(connection, clock, cache).run(sid, null, null);
    }

    /**
     * Derives, from their stored events, every session whose events name this room name (all
     * sessions of that name are among them): how existing history enters the read model.
     */
    static void deriveRoomName(Connection connection, String roomName, Clock clock) throws SQLException {
        ReadModel model = new ReadModel(connection, clock, new SessionCache(0));
        List<String> sids = EventStore.sessionsNamed(connection, roomName);
        RoomProjection projection = new RoomProjection(clock);
        model.parse(EventStore.ofSessions(connection, sids)).forEach(projection::add);
        model.nameOnly(new Window(roomName, Long.MIN_VALUE, Long.MAX_VALUE)).forEach(projection::add);
        for (String sid : sids) {
            if (projection.facts(sid).filter(f -> f.roomName().equals(roomName)).isPresent()) {
                model.write(projection, sid, new HashMap<>());
            }
        }
    }

    /** Derives sessions whose events name no room name (nothing else reaches them). */
    static void deriveUnnamed(Connection connection, List<String> sids, Clock clock) throws SQLException {
        ReadModel model = new ReadModel(connection, clock, new SessionCache(0));
        for (String sid : sids) {
            RoomProjection projection = new RoomProjection(clock);
            model.events(sid).forEach(projection::add);
            if (projection.facts(sid).filter(f -> f.roomName().isEmpty()).isPresent()) {
                model.write(projection, sid, new HashMap<>());
            }
        }
    }

    /**
     * The common case, read from memory alone: an event of a live session whose own projection is
     * cached, that leaves the session live, under its name and with its start. Then its window and
     * its place among its name's sessions stay as they were, so no room-name-only event changes
     * owner and no other session changes: only its own rows are written. Null when that does not
     * hold; the full derivation runs then (the cached projection holds the event by then, which is
     * harmless: that derivation replaces the session's cache entry, or a rollback clears the cache).
     */
    private Derived continueLive(String sid, ProjectedEvent event) throws SQLException {
        SessionCache.Entry cached = cache.get(sid);
        if (cached == null || cached.own() == null) {
            return null;
        }
        return continueLive(sid, cached, cached.own().facts(sid).orElseThrow(), event);
    }

    /**
     * The same for a room-name-only event at or after the start of the live session of its name:
     * the session contains the event's time, and no session of that name starts later (it would
     * have ended this one), so the event belongs to it whatever else the history holds. An event
     * before the start may belong to a session that ended just before: the full derivation decides.
     */
    private Derived continueLiveNamed(String roomName, ProjectedEvent event) throws SQLException {
        String sid = cache.derivableNamed(roomName);
        if (sid == null) {
            return null;
        }
        SessionCache.Entry cached = cache.get(sid);
        SessionFacts before = cached.own().facts(sid).orElseThrow();
        return event.createdAtMillis() < before.startedAt() ? null : continueLive(sid, cached, before, event);
    }

    private Derived continueLive(String sid, SessionCache.Entry cached, SessionFacts before, ProjectedEvent event)
            throws SQLException {
        RoomProjection own = cached.own();
        own.add(event);
        Optional<SessionFacts> after = own.facts(sid);
        Optional<RoomDetail> room = own.liveRoom(sid);
        if (room.isEmpty() || after.isEmpty() || !after.get().roomName().equals(before.roomName())
                || after.get().startedAt() != before.startedAt()) {
            return null;
        }
        Map<String, Map<List<Object>, List<Object>>> known = new HashMap<>(cached.rows());
        writeRows(own, after.get(), own.session(sid).orElseThrow(), known);
        List<ProjectedEvent> events = cached.events();
        if (Attachment.of(event, EventType.of(event.name())).hasSid()) {
            events = new ArrayList<>(cached.events().size() + 1);
            events.addAll(cached.events());
            events.add(event);
            events = Collections.unmodifiableList(events);
        }
        RoomDetail live = room.get();
        return new Derived(new ProjectionUpdate(event.eventId(), false, sid, live.name(), true, live.summary()),
                Map.of(sid, Optional.of(new LiveRoom(live, own.quietRoom(sid).orElse(null)))),
                Map.of(sid, new SessionCache.Entry(before.roomName(), events, known, own)));
    }

    private Derived run(String seed, Window eventWindow, ProjectedEvent event) throws SQLException {
        Set<String> members = new LinkedHashSet<>();
        List<Window> moved = new ArrayList<>();
        if (eventWindow != null) {
            moved.add(eventWindow);
        }
        if (seed != null) {
            members.add(seed);
            seedWindows(seed, members, moved);
        }
        Map<String, ProjectedEvent> movable = new LinkedHashMap<>();
        for (Window window : moved) {
            nameOnly(window).forEach(e -> movable.put(e.eventId(), e));
        }
        members.addAll(SessionStore.owners(connection, movable.keySet()).values());
        RoomProjection projection;
        while (true) {
            projection = projection(members, movable.values());
            Set<String> owners = new LinkedHashSet<>(projection.owners(movable.values()).values());
            if (members.containsAll(owners)) {
                break;
            }
            members.addAll(owners); // a pinned neighbour gains an event: derive it too
        }
        Map<String, Optional<LiveRoom>> rooms = new LinkedHashMap<>();
        Map<String, SessionCache.Entry> entries = new LinkedHashMap<>();
        for (String sid : members) {
            SessionCache.Entry cached = cache.get(sid);
            Map<String, Map<List<Object>, List<Object>>> known = cached == null ? new HashMap<>()
                    : new HashMap<>(cached.rows());
            if (cached == null && rowless.contains(sid)) {
                SessionStore.noRowsYet(known);
                StatsStore.noRowsYet(known);
            }
            Optional<LiveRoom> room = write(projection, sid, known);
            rooms.put(sid, room);
            if (room.isPresent()) {
                entries.put(sid, new SessionCache.Entry(room.get().detail().name(), List.copyOf(events(sid)), known,
                        ownProjection(sid, projection)));
            }
        }
        return new Derived(event == null ? null : projection.updateFor(event), rooms, entries);
    }

    /** Stores the session's rows as the projection has them (none when it has no state); its live room. */
    private Optional<LiveRoom> write(RoomProjection projection, String sid,
                                       Map<String, Map<List<Object>, List<Object>>> known) throws SQLException {
        Optional<SessionFacts> facts = projection.facts(sid);
        Optional<SessionDetail> detail = projection.session(sid);
        if (facts.isEmpty() || detail.isEmpty()) {
            SessionStore.delete(connection, List.of(sid));
            StatsStore.delete(connection, List.of(sid));
            return Optional.empty();
        }
        writeRows(projection, facts.get(), detail.get(), known);
        return projection.liveRoom(sid).map(room -> new LiveRoom(room, projection.quietRoom(sid).orElse(null)));
    }

    private void writeRows(RoomProjection projection, SessionFacts facts, SessionDetail detail,
                           Map<String, Map<List<Object>, List<Object>>> known) throws SQLException {
        SessionStore.write(connection, detail, facts.lastEventAt(), facts.finishedAt(),
                name -> EventType.of(name).rank, known);
        StatsStore.write(connection, facts.sid(), MinuteCoverage.of(detail), known);
    }

    /**
     * A projection of the session's own events and the room-name-only events that belong to it,
     * for deriving its next events from memory. Alone in it, the session takes those events too:
     * no other session of its name competes for them there.
     */
    private RoomProjection ownProjection(String sid, RoomProjection projection) throws SQLException {
        RoomProjection own = new RoomProjection(clock);
        events(sid).forEach(own::add);
        projection.nameOnlyEventsOf(sid).forEach(own::add);
        return own;
    }

    /**
     * The windows in which the seed session moved, before and after: where room-name-only events
     * may change owner. When its start or name changed (or it is new), the sessions before it, then
     * and now, end differently: they are derived too, with their windows.
     */
    private void seedWindows(String seed, Set<String> members, List<Window> moved) throws SQLException {
        Optional<SessionSpan> stored = SessionStore.span(connection, seed);
        RoomProjection own = new RoomProjection(clock);
        events(seed).forEach(own::add);
        Optional<SessionFacts> now = own.facts(seed);
        Set<String> seedOnly = Set.of(seed);
        stored.ifPresent(span -> moved.add(window(span)));
        if (stored.isEmpty()) {
            rowless.add(seed);
        }
        if (now.isPresent()) {
            SessionFacts f = now.get();
            boolean hasSuccessor = successor(f.roomName(), f.startedAt(), seed, seedOnly).isPresent();
            moved.add(new Window(f.roomName(), f.startedAt() - BEFORE,
                    plus(upperEnd(f.finishedAt(), f.lastEventAt(), hasSuccessor), AFTER)));
        }
        boolean placeChanged = stored.isEmpty() != now.isEmpty() || (stored.isPresent()
                && (!stored.get().roomName().equals(now.get().roomName())
                        || stored.get().startedAt() != now.get().startedAt()));
        if (!placeChanged) {
            return;
        }
        List<SessionSpan> predecessors = new ArrayList<>();
        if (stored.isPresent()) {
            SessionSpan was = stored.get();
            predecessor(was.roomName(), was.startedAt(), seed, seedOnly).ifPresent(predecessors::add);
        }
        if (now.isPresent()) {
            predecessor(now.get().roomName(), now.get().startedAt(), seed, seedOnly).ifPresent(predecessors::add);
        }
        for (SessionSpan p : predecessors) {
            members.add(p.sid());
            moved.add(window(p));
            boolean seedFollows = now.filter(f -> f.roomName().equals(p.roomName())
                    && follows(f.startedAt(), seed, p.startedAt(), p.sid())).isPresent();
            boolean hasSuccessor = seedFollows || successor(p.roomName(), p.startedAt(), p.sid(), seedOnly).isPresent();
            moved.add(new Window(p.roomName(), p.startedAt() - BEFORE,
                    plus(upperEnd(p.finishedAt(), p.lastEventAt(), hasSuccessor), AFTER)));
        }
    }

    /** Whether (start, sid) comes after (otherStart, otherSid) in start order. */
    private static boolean follows(long start, String sid, long otherStart, String otherSid) {
        return start > otherStart || (start == otherStart && sid.compareTo(otherSid) > 0);
    }

    /** Sessions without a room name have no neighbours. */
    private Optional<SessionSpan> predecessor(String roomName, long startedAt, String sid, Set<String> except)
            throws SQLException {
        return roomName.isEmpty() ? Optional.empty()
                : SessionStore.before(connection, roomName, startedAt, sid, except);
    }

    private Optional<SessionSpan> successor(String roomName, long startedAt, String sid, Set<String> except)
            throws SQLException {
        return roomName.isEmpty() ? Optional.empty()
                : SessionStore.after(connection, roomName, startedAt, sid, except);
    }

    /** The latest a session can end: its finish, else (with a successor) its last event, else open. */
    private static long upperEnd(Long finishedAt, long lastEventAt, boolean hasSuccessor) {
        return finishedAt != null ? finishedAt : hasSuccessor ? lastEventAt : OPEN;
    }

    private static Window window(SessionSpan span) {
        return new Window(span.roomName(), span.startedAt() - BEFORE,
                plus(span.endedAt() != null ? span.endedAt() : OPEN, AFTER));
    }

    private static long plus(long time, long margin) {
        return time == OPEN ? OPEN : time + margin;
    }

    /**
     * The members with their events and the room-name-only events of their windows (and those that
     * may move); pinned from their rows, every other session that follows a member or competes for
     * one of those events.
     */
    private RoomProjection projection(Set<String> members, Iterable<ProjectedEvent> movable) throws SQLException {
        RoomProjection projection = new RoomProjection(clock);
        for (String sid : members) {
            events(sid).forEach(projection::add);
        }
        List<SessionFacts> named = new ArrayList<>();
        for (String sid : members) {
            projection.facts(sid).filter(f -> !f.roomName().isEmpty()).ifPresent(named::add);
        }
        Map<String, SessionSpan> pinned = new LinkedHashMap<>();
        Map<String, long[]> nameOnlyTimes = new HashMap<>();
        List<ProjectedEvent> nameOnly = new ArrayList<>();
        movable.forEach(nameOnly::add);
        for (SessionFacts f : named) {
            Optional<SessionSpan> next = successor(f.roomName(), f.startedAt(), f.sid(), members);
            next.ifPresent(span -> pinned.put(span.sid(), span));
            boolean memberFollows = named.stream().anyMatch(other -> other.roomName().equals(f.roomName())
                    && follows(other.startedAt(), other.sid(), f.startedAt(), f.sid()));
            long to = plus(upperEnd(f.finishedAt(), f.lastEventAt(), next.isPresent() || memberFollows), AFTER);
            nameOnly.addAll(nameOnly(new Window(f.roomName(), f.startedAt() - BEFORE, to)));
        }
        for (ProjectedEvent event : nameOnly) {
            projection.add(event);
            long t = event.createdAtMillis();
            String roomName = Attachment.of(event, EventType.of(event.name())).name();
            nameOnlyTimes.merge(roomName, new long[] {t, t},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        for (Map.Entry<String, long[]> times : nameOnlyTimes.entrySet()) {
            for (SessionSpan span : SessionStore.overlapping(connection, times.getKey(), times.getValue()[0] - AFTER,
                    times.getValue()[1] + BEFORE)) {
                if (!members.contains(span.sid())) {
                    pinned.put(span.sid(), span);
                }
            }
        }
        for (SessionSpan span : pinned.values()) {
            projection.pin(span.sid(), span.roomName(), span.startedAt(), span.endedAt(), span.live());
        }
        return projection;
    }

    /** Every stored event naming the session (the one being derived included): cached, else read. */
    private List<ProjectedEvent> events(String sid) throws SQLException {
        List<ProjectedEvent> events = loaded.get(sid);
        if (events == null) {
            SessionCache.Entry cached = cache.get(sid);
            if (cached != null) {
                events = new ArrayList<>(cached.events());
                if (derived != null && sid.equals(Attachment.of(derived, EventType.of(derived.name())).sid())) {
                    events.add(derived);
                }
            } else {
                events = parse(EventStore.ofSessions(connection, List.of(sid)));
            }
            loaded.put(sid, events);
        }
        return events;
    }

    private List<ProjectedEvent> nameOnly(Window window) throws SQLException {
        if (window.roomName().isEmpty()) {
            return List.of();
        }
        return parse(EventStore.byNameOnly(connection, window.roomName(), window.from(), window.to()));
    }

    private List<ProjectedEvent> parse(List<RecordedEvent> rows) {
        List<ProjectedEvent> events = new ArrayList<>(rows.size());
        for (RecordedEvent row : rows) {
            ProjectedEvent event = parsed.computeIfAbsent(row.eventId(), id -> cache.parsed(row, ReadModel::decode));
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    /** A stored event as the projection takes it; null (skipped, logged) when it cannot be read. */
    static ProjectedEvent decode(RecordedEvent row) {
        try {
            return WebhookEvents.parse(row.body(), row.eventId(), Instant.ofEpochMilli(row.receivedAt()));
        } catch (InvalidProtocolBufferException | RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Stored event " + row.eventId() + " is skipped: it cannot be read", unreadable);
            return null;
        }
    }
}
