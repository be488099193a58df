package dev.lkdash.rooms.control;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.lkdash.sessions.entity.AgentJobView;
import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.IngressView;
import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.rooms.entity.QuietRoom;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.rooms.entity.TrackView;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionSummary;
import dev.lkdash.sessions.entity.TimelineEntry;
import dev.lkdash.sessions.entity.TrackSession;
import livekit.LivekitModels;

/**
 * The projection of LiveKit webhook events into live room state and session history.
 * <p>
 * <b>Convergence.</b> The projected state is a function of the <em>set</em> of events applied:
 * any order and any number of duplicates give the same reads (for the same clock). See the
 * package documentation for the rules. Nothing in {@link #apply} throws for a well-formed
 * {@code WebhookEvent}, whatever fields it lacks.
 * <p>
 * <b>Threads.</b> Every method takes one lock: {@code apply} may be called from concurrent webhook
 * requests, reads from anywhere. Reads return immutable records.
 * <p>
 * <b>Rebuilding.</b> {@link #rebuild} replays a stored event list; since order does not matter,
 * the stored order does not either.
 */
public final class RoomProjection implements RoomReads {

    /** A room-name-only event may come this long before its session's room creation time. */
    static final long ATTACH_BEFORE_START_MS = 30_000;
    /** A room-name-only start/update event may come this long after its session ended. */
    static final long ATTACH_AFTER_END_MS = 10_000;
    /** A room-name-only end event (ingress/egress/job ended) may come this long after its session ended. */
    static final long ATTACH_END_AFTER_END_MS = 300_000;
    /** What ended a session whose end was presumed ({@code endedBy} of the session and of those still in it). */
    private static final String PRESUMED_ENDED = "presumed_ended";

    private static final Comparator<SessionBucket> BY_START =
            Comparator.comparingLong(SessionBucket::startedAt).thenComparing(b -> b.sid);

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, SessionBucket> buckets = new HashMap<>();
    /** Sessions with state, by room name. */
    private final Map<String, Set<String>> sidsByName = new HashMap<>();
    /** Events naming a room but no room sid (most ingress events), by room name. */
    private final Map<String, TreeMap<EventKey, ProjectedEvent>> floating = new HashMap<>();

    /** The derived end of a session, computed at read time from all sessions of its name. */
    record Ctx(long startedAt, Long endedAt, boolean live, String endedBy) {
    }

    public RoomProjection() {
        this(Clock.systemUTC());
    }

    /** @param clock "now" for the durations of live sessions and present participants */
    public RoomProjection(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A projection holding exactly the given events (any order, duplicates allowed). */
    public static RoomProjection rebuild(Iterable<ProjectedEvent> events, Clock clock) {
        RoomProjection projection = new RoomProjection(clock);
        for (ProjectedEvent event : events) {
            projection.add(event);
        }
        return projection;
    }

    /**
     * Applies one event. A second event with an id already applied is a duplicate and changes
     * nothing.
     *
     * @return the affected room session and its summary after the event
     */
    public ProjectionUpdate apply(ProjectedEvent event) {
        Objects.requireNonNull(event, "event");
        return locked(() -> {
            EventType type = EventType.of(event.name());
            boolean duplicate = !seen.add(event.eventId());
            if (!duplicate) {
                record(event, type, Attachment.of(event, type));
            }
            return update(event, duplicate);
        });
    }

    /**
     * Applies an event without computing what it changed: for building a projection from many
     * events, where the update of each would cost a pass over its session.
     */
    void add(ProjectedEvent event) {
        Objects.requireNonNull(event, "event");
        locked(() -> {
            if (seen.add(event.eventId())) {
                EventType type = EventType.of(event.name());
                record(event, type, Attachment.of(event, type));
            }
            return null;
        });
    }

    /** What applying this (already applied) event changed: its session and that session's summary now. */
    public ProjectionUpdate updateFor(ProjectedEvent event) {
        return locked(() -> update(event, false));
    }

    private ProjectionUpdate update(ProjectedEvent event, boolean duplicate) {
        EventType type = EventType.of(event.name());
        Attachment attachment = Attachment.of(event, type);
        SessionBucket bucket = null;
        if (attachment.hasSid()) {
            bucket = buckets.get(attachment.sid());
        } else if (attachment.hasName()) {
            bucket = resolveFloating(attachment.name(), event.createdAtMillis(), type, contexts(attachment.name()));
        }
        if (bucket == null || !bucket.hasState || bucket.pinned != null) {
            return new ProjectionUpdate(event.eventId(), duplicate,
                    attachment.hasSid() ? attachment.sid() : null,
                    attachment.hasName() ? attachment.name() : null, false, null);
        }
        Map<SessionBucket, Ctx> contexts = contexts(bucket.roomName());
        Ctx ctx = contextOf(bucket, contexts);
        return new ProjectionUpdate(event.eventId(), duplicate, bucket.sid, bucket.roomName(), ctx.live(),
                summary(bucket, ctx, contexts));
    }

    /**
     * Adds a session known only by its row in the read model: it takes part in the successions
     * and attachments of its room name with the end given here, and holds no events. The read
     * model derives a few sessions at a time this way, with their neighbours pinned.
     */
    public void pin(String sid, String roomName, long startedAt, Long endedAt, boolean live) {
        locked(() -> {
            SessionBucket stub = buckets.computeIfAbsent(sid, SessionBucket::new);
            if (stub.hasState) {
                throw new IllegalStateException("session " + sid + " has events; it cannot be pinned");
            }
            stub.pin(roomName, new Ctx(startedAt, endedAt, live, null)); // a pinned session has no participants to end
            sidsByName.computeIfAbsent(roomName, n -> new HashSet<>()).add(sid);
            return null;
        });
    }

    /** What a session's neighbours need to know of it, from its own events; empty while it has no state. */
    public Optional<SessionFacts> facts(String sid) {
        return locked(() -> {
            SessionBucket bucket = buckets.get(sid);
            if (bucket == null || !bucket.hasState || bucket.pinned != null) {
                return Optional.empty();
            }
            return Optional.of(new SessionFacts(sid, bucket.roomName(), bucket.startedAt(),
                    Math.max(bucket.lastEventAt, bucket.startedAt()), bucket.finishedAt));
        });
    }

    /** The room-name-only events that belong to that session now. */
    List<ProjectedEvent> nameOnlyEventsOf(String sid) {
        return locked(() -> {
            SessionBucket bucket = buckets.get(sid);
            if (bucket == null || !bucket.hasState || bucket.pinned != null) {
                return List.of();
            }
            return List.copyOf(floatingFor(bucket, contexts(bucket.roomName())).values());
        });
    }

    /** The session each of these room-name-only events belongs to now (absent: none). */
    public Map<String, String> owners(Iterable<ProjectedEvent> nameOnlyEvents) {
        return locked(() -> {
            Map<String, String> owners = new HashMap<>();
            for (ProjectedEvent event : nameOnlyEvents) {
                EventType type = EventType.of(event.name());
                Attachment attachment = Attachment.of(event, type);
                if (!attachment.hasSid() && attachment.hasName()) {
                    SessionBucket owner = resolveFloating(attachment.name(), event.createdAtMillis(), type,
                            contexts(attachment.name()));
                    if (owner != null) {
                        owners.put(event.eventId(), owner.sid);
                    }
                }
            }
            return owners;
        });
    }

    /** The live room of that session, when it is live. */
    public Optional<RoomDetail> liveRoom(String sid) {
        return locked(() -> {
            SessionBucket bucket = buckets.get(sid);
            if (bucket == null || !bucket.hasState || bucket.pinned != null) {
                return Optional.empty();
            }
            Map<SessionBucket, Ctx> contexts = contexts(bucket.roomName());
            Ctx ctx = contextOf(bucket, contexts);
            return ctx.live() ? Optional.of(roomDetail(bucket, ctx, contexts)) : Optional.empty();
        });
    }

    /**
     * What presuming the end of this live session needs to know, when nobody holds it open (no
     * present participant but agents and recorders, as LiveKit counts them when it closes an
     * empty room); empty otherwise.
     */
    public Optional<QuietRoom> quietRoom(String sid) {
        return locked(() -> {
            SessionBucket bucket = buckets.get(sid);
            if (bucket == null || !bucket.hasState || bucket.pinned != null
                    || !contextOf(bucket, contexts(bucket.roomName())).live()) {
                return Optional.empty();
            }
            Long lastLeftAt = null;
            for (ParticipantFacts p : bucket.participants.values()) {
                if (!p.left() && p.holdsRoomOpen()) {
                    return Optional.empty();
                }
                if (p.left()) {
                    lastLeftAt = lastLeftAt == null ? p.leave.key().time() : Math.max(lastLeftAt, p.leave.key().time());
                }
            }
            long started = bucket.startedAt();
            LivekitModels.Room room = bucket.roomInfo.valueOr(LivekitModels.Room.getDefaultInstance());
            return Optional.of(new QuietRoom(sid, bucket.roomName(), started, Math.max(bucket.lastEventAt, started),
                    bucket.lastSignOfLife != null ? Math.max(bucket.lastSignOfLife.time(), started) : started,
                    lastLeftAt, room.getEmptyTimeout(), room.getDepartureTimeout()));
        });
    }

    /** Whether an event id has been applied. */
    public boolean contains(String eventId) {
        return locked(() -> seen.contains(eventId));
    }

    /** Number of distinct events applied. */
    public int eventCount() {
        return locked(seen::size);
    }

    /** The active rooms, by name. */
    @Override
    public List<RoomSummary> activeRooms() {
        return locked(() -> {
            List<RoomSummary> rooms = new ArrayList<>();
            Map<SessionBucket, Ctx> contexts = allContexts();
            contexts.forEach((bucket, ctx) -> {
                if (ctx.live()) {
                    rooms.add(summary(bucket, ctx, contexts));
                }
            });
            rooms.sort(Comparator.comparing(RoomSummary::name).thenComparing(RoomSummary::sid));
            return List.copyOf(rooms);
        });
    }

    /** The active room of that name, with its present participants and their tracks. */
    public Optional<RoomDetail> activeRoom(String name) {
        return locked(() -> {
            Map<SessionBucket, Ctx> contexts = contexts(name);
            return contexts.entrySet().stream().filter(e -> e.getValue().live())
                    .map(e -> roomDetail(e.getKey(), e.getValue(), contexts)).findFirst();
        });
    }

    /** The present participants of the active room of that name. */
    @Override
    public Optional<List<ParticipantView>> activeRoomParticipants(String name) {
        return activeRoom(name).map(RoomDetail::participants);
    }

    /** The summary of one room session by sid (counts are 0 once it is not live). */
    public Optional<RoomSummary> roomSummary(String sid) {
        return locked(() -> {
            SessionBucket bucket = buckets.get(sid);
            if (bucket == null || !bucket.hasState) {
                return Optional.empty();
            }
            Map<SessionBucket, Ctx> contexts = contexts(bucket.roomName());
            return Optional.of(summary(bucket, contextOf(bucket, contexts), contexts));
        });
    }

    /** Every room session, newest first (start time, then sid, descending). */
    public List<SessionSummary> sessions() {
        return locked(() -> {
            List<SessionSummary> sessions = new ArrayList<>();
            allContexts().forEach((bucket, ctx) -> sessions.add(sessionSummary(bucket, ctx)));
            sessions.sort(NEWEST_FIRST);
            return List.copyOf(sessions);
        });
    }

    /** One room session with participants, egress, ingress, agent jobs and timeline. */
    public Optional<SessionDetail> session(String sid) {
        return locked(() -> {
            SessionBucket bucket = buckets.get(sid);
            if (bucket == null || !bucket.hasState) {
                return Optional.empty();
            }
            Map<SessionBucket, Ctx> contexts = contexts(bucket.roomName());
            return Optional.of(sessionDetail(bucket, contextOf(bucket, contexts), contexts));
        });
    }

    @Override
    public boolean knows(String sid) {
        return roomSummary(sid).isPresent();
    }

    /** Everything, for comparison and diagnostics. */
    public ProjectionSnapshot snapshot() {
        return locked(() -> {
            Map<SessionBucket, Ctx> contexts = allContexts();
            List<RoomDetail> rooms = new ArrayList<>();
            List<SessionDetail> sessions = new ArrayList<>();
            contexts.forEach((bucket, ctx) -> {
                if (ctx.live()) {
                    rooms.add(roomDetail(bucket, ctx, contexts));
                }
                sessions.add(sessionDetail(bucket, ctx, contexts));
            });
            rooms.sort(Comparator.comparing(RoomDetail::name).thenComparing(RoomDetail::sid));
            sessions.sort(Comparator.comparing(SessionDetail::summary, NEWEST_FIRST));
            return new ProjectionSnapshot(List.copyOf(rooms), List.copyOf(sessions));
        });
    }

    /** Newest first: start time descending, then sid descending. */
    public static final Comparator<SessionSummary> NEWEST_FIRST =
            Comparator.comparingLong(SessionSummary::startedAt).thenComparing(SessionSummary::sid).reversed();

    // ---------------------------------------------------------------- recording

    private void record(ProjectedEvent event, EventType type, Attachment attachment) {
        EventKey key = new EventKey(event.createdAtMillis(), type.rank, event.eventId());
        if (attachment.hasSid()) {
            SessionBucket bucket = buckets.computeIfAbsent(attachment.sid(), SessionBucket::new);
            String before = bucket.hasState ? bucket.roomName() : null;
            bucket.apply(event, type, key, attachment.name());
            if (bucket.hasState) {
                String after = bucket.roomName();
                if (before != null && !before.equals(after)) {
                    Set<String> old = sidsByName.get(before);
                    if (old != null) {
                        old.remove(bucket.sid);
                    }
                }
                sidsByName.computeIfAbsent(after, n -> new HashSet<>()).add(bucket.sid);
            }
        } else if (attachment.hasName()) {
            floating.computeIfAbsent(attachment.name(), n -> new TreeMap<>()).put(key, event);
        }
        // an event naming no room at all (e.g. a web egress) has nothing to project
    }

    // ---------------------------------------------------------------- session boundaries

    /** The sessions of one room name with their derived start/end, in start order. */
    private Map<SessionBucket, Ctx> contexts(String name) {
        Set<String> sids = sidsByName.getOrDefault(name, Set.of());
        List<SessionBucket> sorted = new ArrayList<>();
        for (String sid : sids) {
            sorted.add(buckets.get(sid));
        }
        sorted.sort(BY_START);
        Map<SessionBucket, Ctx> contexts = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            // sessions whose room name is unknown (an egress naming only a room sid) do not succeed each other
            SessionBucket successor = name.isEmpty() || i + 1 == sorted.size() ? null : sorted.get(i + 1);
            contexts.put(sorted.get(i), context(sorted.get(i), successor));
        }
        return contexts;
    }

    private Map<SessionBucket, Ctx> allContexts() {
        Map<SessionBucket, Ctx> all = new LinkedHashMap<>();
        for (String name : sidsByName.keySet()) {
            all.putAll(contexts(name));
        }
        return all;
    }

    private Ctx contextOf(SessionBucket bucket, Map<SessionBucket, Ctx> contexts) {
        Ctx ctx = contexts.get(bucket);
        return ctx != null ? ctx : context(bucket, null);
    }

    /**
     * A session is over when it has a {@code room_finished}; or when its end is presumed and no
     * room-queue event after the presumption shows it alive (at most at the successor's start);
     * or when a later session of the same room name exists (LiveKit room names are unique among
     * live rooms, so the older session's end was lost: it ends at its last event, at most at the
     * successor's start); or when it was only ever seen through egress/ingress/agent-job events
     * and none of those is active.
     */
    private Ctx context(SessionBucket bucket, SessionBucket successor) {
        if (bucket.pinned != null) {
            return bucket.pinned;
        }
        long started = bucket.startedAt();
        if (bucket.finishedAt != null) {
            return new Ctx(started, bucket.finishedAt, false, EventType.ROOM_FINISHED.eventName);
        }
        EventKey presumed = bucket.standingPresumption();
        if (presumed != null) {
            long end = Math.max(started, presumed.time());
            return new Ctx(started, successor != null ? Math.min(end, successor.startedAt()) : end, false,
                    PRESUMED_ENDED);
        }
        long lastSeen = Math.max(bucket.lastEventAt, started);
        if (successor != null) {
            return new Ctx(started, Math.min(lastSeen, successor.startedAt()), false, "session_superseded");
        }
        if (!bucket.hasRoomQueueEvent && !hasActiveService(bucket)) {
            return new Ctx(started, lastSeen, false, "session_inactive");
        }
        return new Ctx(started, null, true, null);
    }

    private static boolean hasActiveService(SessionBucket bucket) {
        return Records.egress(bucket.egressEvents, bucket.sid).stream().anyMatch(EgressView::active)
                || Records.ingress(bucket.ingressEvents, bucket.sid).stream().anyMatch(IngressView::active)
                || Records.jobs(bucket.jobEvents, bucket.sid).stream().anyMatch(AgentJobView::active);
    }

    /**
     * The session a room-name-only event belongs to, at the event's time {@code t}: the latest
     * session whose [start, end] contains {@code t}; otherwise a session starting at most
     * {@link #ATTACH_BEFORE_START_MS} after {@code t} (the ingress creates its room) or one that
     * ended shortly before {@code t} ({@link #ATTACH_AFTER_END_MS}, or
     * {@link #ATTACH_END_AFTER_END_MS} for end events), the former preferred for start/update
     * events, the latter for end events. None: the event waits, unattached, for its session.
     */
    private SessionBucket resolveFloating(String name, long t, EventType type, Map<SessionBucket, Ctx> contexts) {
        SessionBucket containing = null;
        SessionBucket endedBefore = null;
        SessionBucket startsSoon = null;
        long afterEnd = type.isEndEvent() ? ATTACH_END_AFTER_END_MS : ATTACH_AFTER_END_MS;
        for (Map.Entry<SessionBucket, Ctx> entry : contexts.entrySet()) {
            SessionBucket bucket = entry.getKey();
            Ctx ctx = entry.getValue();
            if (!bucket.roomName().equals(name)) {
                continue;
            }
            if (ctx.startedAt() <= t && (ctx.endedAt() == null || t <= ctx.endedAt())) {
                containing = later(containing, bucket); // the latest start wins
            } else if (ctx.endedAt() != null && ctx.endedAt() < t && t - ctx.endedAt() <= afterEnd) {
                endedBefore = later(endedBefore, bucket);
            } else if (ctx.startedAt() > t && ctx.startedAt() - t <= ATTACH_BEFORE_START_MS) {
                startsSoon = startsSoon == null || BY_START.compare(bucket, startsSoon) < 0 ? bucket : startsSoon;
            }
        }
        if (containing != null) {
            return containing;
        }
        if (type.isEndEvent()) {
            return endedBefore != null ? endedBefore : startsSoon;
        }
        return startsSoon != null ? startsSoon : endedBefore;
    }

    private static SessionBucket later(SessionBucket current, SessionBucket candidate) {
        return current == null || BY_START.compare(candidate, current) > 0 ? candidate : current;
    }

    /** The room-name-only events that resolve to this session. */
    private SortedMap<EventKey, ProjectedEvent> floatingFor(SessionBucket bucket, Map<SessionBucket, Ctx> contexts) {
        TreeMap<EventKey, ProjectedEvent> events = floating.get(bucket.roomName());
        if (events == null || events.isEmpty()) {
            return Collections.emptySortedMap();
        }
        TreeMap<EventKey, ProjectedEvent> mine = new TreeMap<>();
        events.forEach((key, event) -> {
            if (resolveFloating(bucket.roomName(), key.time(), EventType.of(event.name()), contexts) == bucket) {
                mine.put(key, event);
            }
        });
        return mine;
    }

    private static SortedMap<EventKey, ProjectedEvent> merged(SortedMap<EventKey, ProjectedEvent> attached,
                                                              SortedMap<EventKey, ProjectedEvent> floatingEvents,
                                                              EventType.Family family) {
        if (floatingEvents.isEmpty()) {
            return attached;
        }
        TreeMap<EventKey, ProjectedEvent> all = new TreeMap<>(attached);
        floatingEvents.forEach((key, event) -> {
            if (family == null || EventType.of(event.name()).family == family) {
                all.put(key, event);
            }
        });
        return all;
    }

    // ---------------------------------------------------------------- views

    private RoomSummary summary(SessionBucket bucket, Ctx ctx, Map<SessionBucket, Ctx> contexts) {
        int participants = 0;
        int publishers = 0;
        boolean recording = false;
        if (ctx.live()) {
            for (ParticipantFacts p : bucket.participants.values()) {
                if (!p.left() && p.counted()) {
                    participants++;
                    if (p.publishing()) {
                        publishers++;
                    }
                }
            }
            recording = egress(bucket, contexts).stream().anyMatch(EgressView::active);
        }
        return new RoomSummary(bucket.sid, bucket.roomName(), participants, publishers, ctx.startedAt(),
                metadata(bucket), recording);
    }

    private List<EgressView> egress(SessionBucket bucket, Map<SessionBucket, Ctx> contexts) {
        return Records.egress(merged(bucket.egressEvents, floatingFor(bucket, contexts), EventType.Family.EGRESS),
                bucket.sid);
    }

    private static String metadata(SessionBucket bucket) {
        return bucket.roomInfo.isPresent() ? bucket.roomInfo.value().getMetadata() : "";
    }

    private RoomDetail roomDetail(SessionBucket bucket, Ctx ctx, Map<SessionBucket, Ctx> contexts) {
        RoomSummary summary = summary(bucket, ctx, contexts);
        SortedMap<EventKey, ProjectedEvent> floatingEvents = floatingFor(bucket, contexts);
        List<ParticipantView> participants = new ArrayList<>();
        if (ctx.live()) {
            for (ParticipantFacts p : sortedParticipants(bucket)) {
                if (!p.left()) {
                    participants.add(participantView(p));
                }
            }
        }
        LivekitModels.Room room = bucket.roomInfo.valueOr(LivekitModels.Room.getDefaultInstance());
        return new RoomDetail(summary.sid(), summary.name(), summary.numParticipants(), summary.numPublishers(),
                summary.creationTime(), summary.metadata(), summary.activeRecording(), room.getEmptyTimeout(),
                room.getMaxParticipants(), List.copyOf(participants),
                Records.egress(merged(bucket.egressEvents, floatingEvents, EventType.Family.EGRESS), bucket.sid),
                Records.ingress(merged(bucket.ingressEvents, floatingEvents, EventType.Family.INGRESS), bucket.sid),
                Records.jobs(merged(bucket.jobEvents, floatingEvents, EventType.Family.JOB), bucket.sid));
    }

    private static List<ParticipantFacts> sortedParticipants(SessionBucket bucket) {
        List<ParticipantFacts> list = new ArrayList<>(bucket.participants.values());
        list.sort(Comparator.comparingLong(ParticipantFacts::joinedAt).thenComparing(p -> p.sid));
        return list;
    }

    private static List<TrackFacts> sortedTracks(ParticipantFacts p) {
        List<TrackFacts> list = new ArrayList<>(p.tracks.values());
        list.sort(Comparator.comparingLong((TrackFacts t) -> t.firstPublishedAt() != null ? t.firstPublishedAt()
                : t.unpublishedAt != null ? t.unpublishedAt : Long.MAX_VALUE).thenComparing(t -> t.sid));
        return list;
    }

    private static ParticipantView participantView(ParticipantFacts p) {
        LivekitModels.ParticipantInfo info = p.infoOrDefault();
        List<TrackView> tracks = new ArrayList<>();
        for (TrackFacts t : sortedTracks(p)) {
            if (t.live()) {
                LivekitModels.TrackInfo ti = t.info.value();
                tracks.add(new TrackView(t.sid, ti.getType().name(), ti.getSource().name(), ti.getName(),
                        ti.getSimulcast(), ti.getWidth(), ti.getHeight(), ti.getMuted(), ti.getMimeType()));
            }
        }
        return new ParticipantView(p.sid, info.getIdentity(), info.getName(), p.kind(), info.getState().name(),
                p.joinedAt(), null, null, info.getMetadata(), attributes(info), List.copyOf(tracks));
    }

    private static Map<String, String> attributes(LivekitModels.ParticipantInfo info) {
        return Collections.unmodifiableMap(new TreeMap<>(info.getAttributesMap()));
    }

    private SessionSummary sessionSummary(SessionBucket bucket, Ctx ctx) {
        return new SessionSummary(bucket.sid, bucket.roomName(), ctx.startedAt(), ctx.endedAt(), ctx.endedBy(),
                seconds(ctx.startedAt(), ctx.endedAt()), bucket.peakParticipants(), bucket.totalParticipants());
    }

    private SessionDetail sessionDetail(SessionBucket bucket, Ctx ctx, Map<SessionBucket, Ctx> contexts) {
        SortedMap<EventKey, ProjectedEvent> floatingEvents = floatingFor(bucket, contexts);
        List<ParticipantSession> participants = new ArrayList<>();
        for (ParticipantFacts p : sortedParticipants(bucket)) {
            participants.add(participantSession(p, ctx));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        merged(bucket.timeline, floatingEvents, null).forEach((key, event) ->
                timeline.add(Summaries.entry(event, key.time())));
        return new SessionDetail(bucket.sid, bucket.roomName(), ctx.startedAt(), ctx.endedAt(), ctx.endedBy(),
                seconds(ctx.startedAt(), ctx.endedAt()), bucket.peakParticipants(), bucket.totalParticipants(),
                metadata(bucket), List.copyOf(participants),
                Records.egress(merged(bucket.egressEvents, floatingEvents, EventType.Family.EGRESS), bucket.sid),
                Records.ingress(merged(bucket.ingressEvents, floatingEvents, EventType.Family.INGRESS), bucket.sid),
                Records.jobs(merged(bucket.jobEvents, floatingEvents, EventType.Family.JOB), bucket.sid),
                List.copyOf(timeline));
    }

    private ParticipantSession participantSession(ParticipantFacts p, Ctx ctx) {
        LivekitModels.ParticipantInfo info = p.infoOrDefault();
        Long leftAt = p.left() ? Long.valueOf(p.leave.key().time()) : ctx.endedAt();
        String endedBy = p.left() ? p.leave.endedBy() : ctx.live() ? null : ctx.endedBy();
        String reason = p.left() ? p.leave.reason() : null;
        List<TrackSession> tracks = new ArrayList<>();
        for (TrackFacts t : sortedTracks(p)) {
            LivekitModels.TrackInfo ti = t.info.value();
            tracks.add(new TrackSession(t.sid, ti.getType().name(), ti.getSource().name(), ti.getName(),
                    ti.getSimulcast(), ti.getWidth(), ti.getHeight(), ti.getMuted(), ti.getMimeType(),
                    t.firstPublishedAt(), t.unpublishedAt != null ? t.unpublishedAt : leftAt));
        }
        return new ParticipantSession(p.sid, info.getIdentity(), info.getName(), p.kind(), p.joinedAt(), leftAt,
                seconds(p.joinedAt(), leftAt), reason, endedBy, List.copyOf(tracks));
    }

    private long seconds(long from, Long to) {
        long end = to != null ? to : clock.millis();
        return Math.max(0, (end - from) / 1000);
    }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }
}
