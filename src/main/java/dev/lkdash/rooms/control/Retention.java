package dev.lkdash.rooms.control;

import dev.lkdash.sessions.entity.SessionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the retention deletes, decided per room session so that no session is left half-stored:
 * a session that ended before the cutoff goes with all its events (late egress or ingress events
 * included); a session still live, or ended after the cutoff, keeps all of its events however old;
 * any other event (one naming no session, or a room name only) goes once it is older than the
 * cutoff.
 *
 * @param expiredSids sessions that ended before the cutoff
 * @param keptSids    sessions that started before the cutoff and are kept: their old events stay
 */
record Retention(List<String> expiredSids, List<String> keptSids) {

    static Retention at(Instant cutoff, List<SessionSummary> sessions) {
        long cut = cutoff.toEpochMilli();
        List<String> expired = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (SessionSummary session : sessions) {
            if (session.endedAt() != null && session.endedAt() < cut) {
                expired.add(session.sid());
            } else if (session.startedAt() < cut) {
                kept.add(session.sid());
            }
        }
        return new Retention(List.copyOf(expired), List.copyOf(kept));
    }
}
