package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.ProjectedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed events, last written read-model rows and (when that suffices) the projection of the
 * live sessions, so that an event for a live session is derived without reading and parsing its
 * session again. Changed only by the one thread holding the change lock, after each derivation;
 * an entry is exactly what the transaction holds, and the cache is cleared when one rolls back.
 */
final class SessionCache {

    /**
     * @param events every stored event naming the session
     * @param rows   its read-model rows, per table
     * @param own    the projection of the session's events alone, when that is all its rows depend on
     *               (it holds no room-name-only event): its next events are derived from it directly;
     *               else null
     */
    record Entry(List<ProjectedEvent> events, Map<String, Map<List<Object>, List<Object>>> rows,
                 RoomProjection own) {
    }

    private final Map<String, Entry> entries;

    /** @param maxSessions a bound for safety: more live sessions than this fall back to the database */
    SessionCache(int maxSessions) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxSessions;
            }
        };
    }

    synchronized Entry get(String sid) {
        return entries.get(sid);
    }

    synchronized void put(String sid, Entry entry) {
        entries.put(sid, entry);
    }

    synchronized void remove(String sid) {
        entries.remove(sid);
    }

    synchronized void clear() {
        entries.clear();
    }
}
