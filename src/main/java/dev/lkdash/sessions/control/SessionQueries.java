package dev.lkdash.sessions.control;

import dev.lkdash.platform.ApiException;
import dev.lkdash.sessions.entity.SessionQuery;

/**
 * The query parameters of {@code GET /api/sessions}, checked: times are ms since the epoch, the
 * limit 1 or more (more than {@link SessionQuery#MAX_LIMIT} is capped), the cursor one this
 * server produced.
 */
public final class SessionQueries {

    private SessionQueries() {
    }

    /**
     * Every parameter may be null or blank (absent).
     *
     * @throws ApiException {@code bad_parameter} naming the parameter
     */
    public static SessionQuery parse(String room, String from, String to, String limit, String cursor) {
        Long fromMillis = millis("from", from);
        Long toMillis = millis("to", to);
        if (fromMillis != null && toMillis != null && fromMillis > toMillis) {
            throw ApiException.badParameter("from must not be after to");
        }
        int size = SessionQuery.DEFAULT_LIMIT;
        if (present(limit)) {
            Long parsed = number("limit", limit);
            if (parsed < 1) {
                throw ApiException.badParameter("limit must be at least 1, not " + limit);
            }
            size = (int) Math.min(parsed, SessionQuery.MAX_LIMIT);
        }
        String after = present(cursor) ? cursor.strip() : null;
        if (after != null && !SessionHistory.isCursor(after)) {
            throw ApiException.badParameter("cursor is not a nextCursor of this server");
        }
        return new SessionQuery(present(room) ? room : null, fromMillis, toMillis, size, after);
    }

    private static Long millis(String name, String value) {
        if (!present(value)) {
            return null;
        }
        Long parsed = number(name, value);
        if (parsed < 0) {
            throw ApiException.badParameter(name + " must be milliseconds since the epoch, not " + value);
        }
        return parsed;
    }

    private static Long number(String name, String value) {
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            throw ApiException.badParameter(name + " must be a whole number, not " + value);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
