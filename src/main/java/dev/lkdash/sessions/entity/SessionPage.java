package dev.lkdash.sessions.entity;

import java.util.List;

/** A page of sessions, newest first; {@code nextCursor} is null on the last page. */
public record SessionPage(List<SessionSummary> items, String nextCursor) {
}
