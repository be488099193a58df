package dev.lkdash.sessions.control;

import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionPage;
import dev.lkdash.sessions.entity.SessionQuery;
import dev.lkdash.sessions.entity.SessionSummary;
import dev.lkdash.store.control.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The query side of the session history over the read model: filter by room name and start time,
 * newest first, keyset paging (one indexed range read per page). The cursor is opaque to clients
 * (base64url of the last item's start time and sid), so pages stay stable while new sessions start.
 */
public final class SessionHistory {

    private final Database database;
    private final Clock clock;

    public SessionHistory(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws IllegalArgumentException the cursor is not one this class produced
     */
    public SessionPage page(SessionQuery query) {
        Position after = query.cursor() == null || query.cursor().isBlank() ? null : Position.decode(query.cursor());
        int limit = query.effectiveLimit();
        String room = query.room() == null || query.room().isBlank() ? null : query.room();
        long now = clock.millis();
        List<SessionSummary> found = database.read(connection -> SessionStore.summaries(connection, room,
                query.from(), query.to(), after == null ? null : after.startedAt(), after == null ? null : after.sid(),
                limit + 1, now));
        boolean more = found.size() > limit;
        List<SessionSummary> items = more ? found.subList(0, limit) : found;
        String next = more ? new Position(items.get(items.size() - 1)).encode() : null;
        return new SessionPage(List.copyOf(items), next);
    }

    /** Whether the text is a cursor this class produced. */
    public static boolean isCursor(String cursor) {
        try {
            Position.decode(cursor);
            return true;
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    public Optional<SessionDetail> find(String sid) {
        long now = clock.millis();
        return database.read(connection -> SessionStore.detail(connection, sid, now));
    }

    /** A place in the newest-first order. */
    private record Position(long startedAt, String sid) {

        Position(SessionSummary s) {
            this(s.startedAt(), s.sid());
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((startedAt + ":" + sid).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                String sid = text.substring(colon + 1);
                if (sid.isEmpty()) {
                    throw new IllegalArgumentException("no sid");
                }
                return new Position(Long.parseLong(text.substring(0, colon)), sid);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid cursor", e);
            }
        }
    }
}
