package dev.lkdash.sessions.entity;

/**
 * Filter and paging of {@code GET /api/sessions}.
 *
 * @param room   exact room name, null for all
 * @param from   sessions started at or after this time (ms), null for no bound
 * @param to     sessions started before this time (ms), null for no bound
 * @param limit  page size; values below 1 mean the default (50), larger than 500 are capped
 * @param cursor the previous page's {@code nextCursor}, null for the first page
 */
public record SessionQuery(String room, Long from, Long to, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static SessionQuery firstPage(int limit) {
        return new SessionQuery(null, null, null, limit, null);
    }

    public int effectiveLimit() {
        if (limit < 1) {
            return DEFAULT_LIMIT;
        }
        return Math.min(limit, MAX_LIMIT);
    }
}
