package dev.lkdash.sessions.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.lkdash.rooms.control.RoomProjection;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionPage;
import dev.lkdash.sessions.entity.SessionQuery;
import dev.lkdash.sessions.entity.SessionSummary;

/**
 * The query side of the session history over a {@link RoomProjection}: filter by room name and
 * start time, newest first, keyset paging. The cursor is opaque to clients (base64url of the
 * last item's start time and sid), so pages stay stable while new sessions start.
 */
public final class SessionHistory {

    private final RoomProjection projection;

    public SessionHistory(RoomProjection projection) {
        this.projection = Objects.requireNonNull(projection, "projection");
    }

    /**
     * @throws IllegalArgumentException the cursor is not one this class produced
     */
    public SessionPage page(SessionQuery query) {
        Position after = query.cursor() == null || query.cursor().isBlank() ? null : Position.decode(query.cursor());
        int limit = query.effectiveLimit();
        List<SessionSummary> items = new ArrayList<>();
        boolean more = false;
        for (SessionSummary s : projection.sessions()) { // newest first
            if (query.room() != null && !query.room().isBlank() && !query.room().equals(s.roomName())) {
                continue;
            }
            if ((query.from() != null && s.startedAt() < query.from())
                    || (query.to() != null && s.startedAt() >= query.to())) {
                continue;
            }
            if (after != null && !after.isBefore(s)) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(s);
        }
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
        return projection.session(sid);
    }

    /** A place in the newest-first order. */
    private record Position(long startedAt, String sid) {

        Position(SessionSummary s) {
            this(s.startedAt(), s.sid());
        }

        /** Whether {@code s} comes after this position in newest-first order. */
        boolean isBefore(SessionSummary s) {
            return s.startedAt() < startedAt || (s.startedAt() == startedAt && s.sid().compareTo(sid) < 0);
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
