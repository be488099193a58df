package dev.lkdash.sessions.control;

import dev.lkdash.sessions.entity.AgentJobView;
import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.IngressView;
import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionSpan;
import dev.lkdash.sessions.entity.SessionSummary;
import dev.lkdash.sessions.entity.TimelineEntry;
import dev.lkdash.sessions.entity.TrackSession;
import dev.lkdash.store.control.Chunks;
import dev.lkdash.store.control.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The session tables of the read model: a session's rows are written from its
 * {@link SessionDetail} as the projection derives it, and read back into the same records.
 * Durations are not stored: they depend on the clock while something is still going on. Lists
 * are ordered on reading by the projection's keys (participants by join time, records by start
 * time, the timeline in canonical event order, each then by id), not by a stored position, so
 * that an entry sorting before others changes only its own row. A participant's few tracks keep
 * their position.
 */
public final class SessionStore {

    static final Rows SESSION = new Rows("room_session", "sid", List.of(), List.of("room_name", "started_at",
            "ended_at", "live", "last_event_at", "finished_at", "peak_participants", "total_participants", "metadata",
            "ended_by"));
    static final Rows PARTICIPANTS = new Rows("participant_session", "session_sid", List.of("sid"), List.of(
            "identity", "display_name", "kind", "joined_at", "left_at", "disconnect_reason", "ended_by"));
    static final Rows TRACKS = new Rows("track_session", "session_sid", List.of("participant_sid", "sid"),
            List.of("ord", "track_type", "track_source", "display_name", "simulcast", "width", "height", "muted",
                    "mime_type", "published_at", "unpublished_at"));
    static final Rows EGRESS = new Rows("egress_record", "session_sid", List.of("egress_id"), List.of(
            "room_name", "status", "active", "started_at", "ended_at", "error"));
    static final Rows INGRESS = new Rows("ingress_record", "session_sid", List.of("ingress_id"), List.of(
            "display_name", "room_name", "participant_identity", "status", "active", "started_at", "ended_at", "error"));
    static final Rows JOBS = new Rows("agent_job_record", "session_sid", List.of("job_id"), List.of(
            "job_type", "agent_name", "room_name", "participant_identity", "status", "active", "started_at",
            "ended_at", "error"));
    static final Rows TIMELINE = new Rows("session_event", "session_sid", List.of("event_id"), List.of(
            "created_at", "event_rank", "name", "participant_identity", "track_sid", "detail"));
    private static final List<Rows> TABLES = List.of(SESSION, PARTICIPANTS, TRACKS, EGRESS, INGRESS, JOBS, TIMELINE);

    private static final String SPAN = "sid, room_name, started_at, ended_at, live, last_event_at, finished_at";

    private SessionStore() {
    }

    /**
     * Makes the stored rows of the session exactly these.
     *
     * @param rankOf the causal rank of an event name, which orders events of the same second
     * @param known  the session's rows as last written, per table, as far as the caller has them; updated
     */
    public static void write(Connection connection, SessionDetail d, long lastEventAt, Long finishedAt,
                             ToIntFunction<String> rankOf, Map<String, Map<List<Object>, List<Object>>> known)
            throws SQLException {
        SESSION.replace(connection, d.sid(), Map.of(List.of(), row(d.roomName(), d.startedAt(), d.endedAt(),
                d.endedAt() == null, lastEventAt, finishedAt, d.peakParticipants(), d.totalParticipants(),
                d.metadata(), d.endedBy())), known);
        Map<List<Object>, List<Object>> participants = new HashMap<>();
        Map<List<Object>, List<Object>> tracks = new HashMap<>();
        for (ParticipantSession p : d.participants()) {
            participants.put(row(p.sid()), row(p.identity(), p.name(), p.kind(), p.joinedAt(), p.leftAt(),
                    p.disconnectReason(), p.endedBy()));
            int ord = 0;
            for (TrackSession t : p.tracks()) {
                tracks.put(row(p.sid(), t.sid()), row(ord++, t.type(), t.source(), t.name(), t.simulcast(), t.width(),
                        t.height(), t.muted(), t.mimeType(), t.publishedAt(), t.unpublishedAt()));
            }
        }
        PARTICIPANTS.replace(connection, d.sid(), participants, known);
        TRACKS.replace(connection, d.sid(), tracks, known);
        Map<List<Object>, List<Object>> egress = new HashMap<>();
        for (EgressView e : d.egress()) {
            egress.put(row(e.egressId()), row(e.roomName(), e.status(), e.active(), e.startedAt(), e.endedAt(),
                    e.error()));
        }
        EGRESS.replace(connection, d.sid(), egress, known);
        Map<List<Object>, List<Object>> ingress = new HashMap<>();
        for (IngressView i : d.ingress()) {
            ingress.put(row(i.ingressId()), row(i.name(), i.roomName(), i.participantIdentity(), i.status(),
                    i.active(), i.startedAt(), i.endedAt(), i.error()));
        }
        INGRESS.replace(connection, d.sid(), ingress, known);
        Map<List<Object>, List<Object>> jobs = new HashMap<>();
        for (AgentJobView j : d.agentJobs()) {
            jobs.put(row(j.jobId()), row(j.type(), j.agentName(), j.roomName(), j.participantIdentity(), j.status(),
                    j.active(), j.startedAt(), j.endedAt(), j.error()));
        }
        JOBS.replace(connection, d.sid(), jobs, known);
        Map<List<Object>, List<Object>> timeline = new HashMap<>();
        for (TimelineEntry e : d.events()) {
            timeline.put(row(e.id()), row(e.timestamp(), rankOf.applyAsInt(e.event()), e.event(),
                    e.participantIdentity(), e.trackSid(), e.detail()));
        }
        TIMELINE.replace(connection, d.sid(), timeline, known);
    }

    /**
     * Notes in {@code known} that a session without a {@code room_session} row has no rows in any of
     * these tables (they are written and deleted together), so that writing it reads none.
     */
    public static void noRowsYet(Map<String, Map<List<Object>, List<Object>>> known) {
        for (Rows table : TABLES) {
            known.put(table.name(), Map.of());
        }
    }

    /** Deletes every row of these sessions. */
    public static void delete(Connection connection, List<String> sids) throws SQLException {
        for (Rows table : TABLES) {
            table.delete(connection, sids);
        }
    }

    /** A row's values; boxed as JDBC reads them back (ints as Integer, longs as Long). */
    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    // ---------------------------------------------------------------- spans, for the derivation

    public static Optional<SessionSpan> span(Connection connection, String sid) throws SQLException {
        List<SessionSpan> spans = spans(connection, "sid = ?", sid);
        return spans.stream().findFirst();
    }

    /** The stored session of that name right before (start, sid) in start order, leaving out {@code except}. */
    public static Optional<SessionSpan> before(Connection connection, String roomName, long startedAt, String sid,
                                               Collection<String> except) throws SQLException {
        return neighbour(connection, "(started_at < ? OR (started_at = ? AND sid < ?)) ORDER BY started_at DESC, "
                + "sid DESC", roomName, startedAt, sid, except);
    }

    /** The stored session of that name right after (start, sid) in start order, leaving out {@code except}. */
    public static Optional<SessionSpan> after(Connection connection, String roomName, long startedAt, String sid,
                                              Collection<String> except) throws SQLException {
        return neighbour(connection, "(started_at > ? OR (started_at = ? AND sid > ?)) ORDER BY started_at, sid",
                roomName, startedAt, sid, except);
    }

    private static Optional<SessionSpan> neighbour(Connection connection, String order, String roomName,
                                                   long startedAt, String sid, Collection<String> except)
            throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(roomName));
        parameters.addAll(except);
        parameters.addAll(List.of(startedAt, startedAt, sid));
        String excluded = except.isEmpty() ? "" : " AND sid NOT IN (" + Chunks.marks(except.size()) + ")";
        return spans(connection, "room_name = ?" + excluded + " AND " + order, 1, parameters.toArray()).stream()
                .findFirst();
    }

    /** The stored sessions of that name that started by {@code to} and had not ended before {@code from}. */
    public static List<SessionSpan> overlapping(Connection connection, String roomName, long from, long to)
            throws SQLException {
        return spans(connection, "room_name = ? AND started_at <= ? AND (ended_at IS NULL OR ended_at >= ?)",
                roomName, to, from);
    }

    public static List<String> liveSids(Connection connection) throws SQLException {
        return spans(connection, "live = TRUE").stream().map(SessionSpan::sid).toList();
    }

    /** Up to {@code limit} session ids after the given one, in id order: the read model walked in batches. */
    public static List<String> sidsAfter(Connection connection, String after, int limit) throws SQLException {
        List<String> sids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sid FROM room_session WHERE sid > ? ORDER BY sid FETCH FIRST ? ROWS ONLY")) {
            select.setString(1, after);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sids.add(rows.getString(1));
                }
            }
        }
        return sids;
    }

    public static long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM room_session");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Up to {@code limit} sessions that ended before the cutoff, oldest end first. */
    public static List<String> endedBefore(Connection connection, long cutoff, int limit) throws SQLException {
        List<String> sids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sid FROM room_session WHERE ended_at < ? ORDER BY ended_at")) {
            select.setLong(1, cutoff);
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sids.add(rows.getString(1));
                }
            }
        }
        return sids;
    }

    /** The ids of the room-name-only events among these that these sessions hold in their timelines. */
    public static List<String> nameOnlyEventsOf(Connection connection, Collection<String> sids) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (List<String> chunk : Chunks.of(sids)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT t.event_id FROM session_event t "
                    + "JOIN webhook_event e ON e.event_id = t.event_id WHERE e.room_sid IS NULL AND t.session_sid IN ("
                    + Chunks.marks(chunk.size()) + ")")) {
                Chunks.bind(select, 1, chunk);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
        }
        return ids;
    }

    /** The session each of these events is stored under (events in no session's timeline are absent). */
    public static Map<String, String> owners(Connection connection, Collection<String> eventIds) throws SQLException {
        Map<String, String> owners = new HashMap<>();
        for (List<String> chunk : Chunks.of(eventIds)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT event_id, session_sid FROM "
                    + "session_event WHERE event_id IN (" + Chunks.marks(chunk.size()) + ")")) {
                Chunks.bind(select, 1, chunk);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        owners.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return owners;
    }

    private static List<SessionSpan> spans(Connection connection, String where, Object... parameters)
            throws SQLException {
        return spans(connection, where, 0, parameters);
    }

    private static List<SessionSpan> spans(Connection connection, String where, int limit, Object... parameters)
            throws SQLException {
        List<SessionSpan> spans = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + SPAN + " FROM room_session WHERE " + where)) {
            bind(select, parameters);
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    spans.add(new SessionSpan(rows.getString(1), rows.getString(2), rows.getLong(3),
                            nullableLong(rows, 4), rows.getBoolean(5), rows.getLong(6), nullableLong(rows, 7)));
                }
            }
        }
        return spans;
    }

    // ---------------------------------------------------------------- reads for the API

    /** A page of the sessions list: the SQL and the values of its parameters, in order. */
    record PageQuery(String sql, List<Object> parameters) {
    }

    /**
     * Summaries newest first (start time, then sid, descending) matching the filter, after the
     * position when one is given, at most {@code limit}.
     */
    static List<SessionSummary> summaries(Connection connection, String room, Long from, Long to, Long afterStart,
                                          String afterSid, int limit, long now) throws SQLException {
        PageQuery page = pageQuery(room, from, to, afterStart, afterSid, limit);
        List<SessionSummary> summaries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(page.sql())) {
            bind(select, page.parameters().toArray());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long started = rows.getLong(3);
                    Long ended = nullableLong(rows, 4);
                    summaries.add(new SessionSummary(rows.getString(1), rows.getString(2), started, ended,
                            rows.getString(7), seconds(started, ended, now), rows.getInt(5), rows.getInt(6)));
                }
            }
        }
        return summaries;
    }

    /**
     * The limit is in the query, so that the planner reads the start-time index backwards from the
     * position and stops at the page's end; the position is a row value, one index seek.
     */
    static PageQuery pageQuery(String room, Long from, Long to, Long afterStart, String afterSid, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (room != null) {
            where.append(" AND room_name = ?");
            parameters.add(room);
        }
        if (from != null) {
            where.append(" AND started_at >= ?");
            parameters.add(from);
        }
        if (to != null) {
            where.append(" AND started_at < ?");
            parameters.add(to);
        }
        if (afterSid != null) {
            where.append(" AND (started_at, sid) < (?, ?)");
            parameters.add(afterStart);
            parameters.add(afterSid);
        }
        parameters.add(limit);
        return new PageQuery("SELECT sid, room_name, started_at, ended_at, peak_participants, total_participants, "
                + "ended_by FROM room_session WHERE " + where + " ORDER BY started_at DESC, sid DESC "
                + "FETCH FIRST ? ROWS ONLY", parameters);
    }

    static Optional<SessionDetail> detail(Connection connection, String sid, long now) throws SQLException {
        Map<List<Object>, List<Object>> session = SESSION.read(connection, sid);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        List<Object> s = session.values().iterator().next();
        long started = (Long) s.get(1);
        Long ended = (Long) s.get(2);
        Map<String, List<TrackSession>> tracksByParticipant = new HashMap<>();
        for (Map.Entry<List<Object>, List<Object>> t : sorted(TRACKS.read(connection, sid),
                Comparator.comparing(row -> (Integer) row.getValue().get(0)))) {
            List<Object> v = t.getValue();
            tracksByParticipant.computeIfAbsent((String) t.getKey().get(0), p -> new ArrayList<>())
                    .add(new TrackSession((String) t.getKey().get(1), (String) v.get(1), (String) v.get(2),
                            (String) v.get(3), (Boolean) v.get(4), (Integer) v.get(5), (Integer) v.get(6),
                            (Boolean) v.get(7), (String) v.get(8), (Long) v.get(9), (Long) v.get(10)));
        }
        List<ParticipantSession> participants = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Object>> p : sorted(PARTICIPANTS.read(connection, sid),
                byValueThenKey(3))) {
            List<Object> v = p.getValue();
            String participantSid = (String) p.getKey().get(0);
            long joined = (Long) v.get(3);
            Long left = (Long) v.get(4);
            participants.add(new ParticipantSession(participantSid, (String) v.get(0), (String) v.get(1),
                    (String) v.get(2), joined, left, seconds(joined, left, now), (String) v.get(5), (String) v.get(6),
                    List.copyOf(tracksByParticipant.getOrDefault(participantSid, List.of()))));
        }
        List<EgressView> egress = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Object>> e : sorted(EGRESS.read(connection, sid), byValueThenKey(3))) {
            List<Object> v = e.getValue();
            egress.add(new EgressView((String) e.getKey().get(0), sid, (String) v.get(0), (String) v.get(1),
                    (Boolean) v.get(2), (Long) v.get(3), (Long) v.get(4), (String) v.get(5)));
        }
        List<IngressView> ingress = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Object>> i : sorted(INGRESS.read(connection, sid), byValueThenKey(5))) {
            List<Object> v = i.getValue();
            ingress.add(new IngressView((String) i.getKey().get(0), (String) v.get(0), sid, (String) v.get(1),
                    (String) v.get(2), (String) v.get(3), (Boolean) v.get(4), (Long) v.get(5), (Long) v.get(6),
                    (String) v.get(7)));
        }
        List<AgentJobView> jobs = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Object>> j : sorted(JOBS.read(connection, sid), byValueThenKey(6))) {
            List<Object> v = j.getValue();
            jobs.add(new AgentJobView((String) j.getKey().get(0), (String) v.get(0), (String) v.get(1), sid,
                    (String) v.get(2), (String) v.get(3), (String) v.get(4), (Boolean) v.get(5), (Long) v.get(6),
                    (Long) v.get(7), (String) v.get(8)));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        Comparator<Map.Entry<List<Object>, List<Object>>> canonical = Comparator
                .comparing((Map.Entry<List<Object>, List<Object>> row) -> (Long) row.getValue().get(0))
                .thenComparing(row -> (Integer) row.getValue().get(1))
                .thenComparing(row -> (String) row.getKey().get(0));
        for (Map.Entry<List<Object>, List<Object>> e : sorted(TIMELINE.read(connection, sid), canonical)) {
            List<Object> v = e.getValue();
            timeline.add(new TimelineEntry((String) e.getKey().get(0), (String) v.get(2), (Long) v.get(0),
                    (String) v.get(3), (String) v.get(4), (String) v.get(5)));
        }
        return Optional.of(new SessionDetail(sid, (String) s.get(0), started, ended, (String) s.get(9),
                seconds(started, ended, now), (Integer) s.get(6), (Integer) s.get(7), (String) s.get(8),
                List.copyOf(participants),
                List.copyOf(egress), List.copyOf(ingress), List.copyOf(jobs), List.copyOf(timeline)));
    }

    private static List<Map.Entry<List<Object>, List<Object>>> sorted(Map<List<Object>, List<Object>> rows,
                                                                      Comparator<Map.Entry<List<Object>, List<Object>>> order) {
        List<Map.Entry<List<Object>, List<Object>>> list = new ArrayList<>(rows.entrySet());
        list.sort(order);
        return list;
    }

    /** By a time value column (never null here), then by the row's id (its one key column). */
    private static Comparator<Map.Entry<List<Object>, List<Object>>> byValueThenKey(int timeColumn) {
        return Comparator.comparing((Map.Entry<List<Object>, List<Object>> row) -> (Long) row.getValue().get(timeColumn))
                .thenComparing(row -> (String) row.getKey().get(0));
    }

    static long seconds(long from, Long to, long now) {
        long end = to != null ? to : now;
        return Math.max(0, (end - from) / 1000);
    }

    private static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
