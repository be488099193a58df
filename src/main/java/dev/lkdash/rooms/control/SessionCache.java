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
     * @param roomName the session's room name
     * @param events   every stored event naming the session
     * @param rows     its read-model rows, per table
     * @param own      the projection of the session's events and the room-name-only events that
     *                 belong to it, when that is all its rows depend on: its next events, and room-name-only
     *                 events of its name after its start, are derived from it directly; else null
     */
    record Entry(String roomName, List<ProjectedEvent> events, Map<String, Map<List<Object>, List<Object>>> rows,
                 RoomProjection own) {
    }

    private final Map<String, Entry> entries;
    /** The number of the last change transaction seen (several instances only). */
    private long lastChange = -1;

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

    /**
     * The session of this room name whose next events are derived from memory, when exactly one
     * cached session has that name (a live named session is the only live one of its name).
     */
    synchronized String derivableNamed(String roomName) {
        String found = null;
        for (Map.Entry<String, Entry> cached : entries.entrySet()) {
            if (cached.getValue().roomName().equals(roomName)) {
                if (found != null || cached.getValue().own() == null) {
                    return null;
                }
                found = cached.getKey();
            }
        }
        return found;
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

    /**
     * With several instances on one database: a change transaction took this number. The entries
     * stay only when it follows the one this cache saw last, i.e. no other instance changed rows
     * in between.
     */
    synchronized void changeTaken(long change) {
        if (change != lastChange + 1) {
            entries.clear();
        }
        lastChange = change;
    }
}
