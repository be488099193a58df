package dev.lkdash.sessions.entity;

/**
 * Where a stored room session lies in time, as its neighbours' derivation needs it.
 *
 * @param endedAt     null while live
 * @param lastEventAt its last event (at least {@code startedAt})
 * @param finishedAt  its earliest {@code room_finished}, null when none
 */
public record SessionSpan(String sid, String roomName, long startedAt, Long endedAt, boolean live, long lastEventAt,
                          Long finishedAt) {
}
