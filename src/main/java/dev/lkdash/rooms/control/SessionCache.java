package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.store.entity.RecordedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * Recently stored events, parsed: a full derivation re-reads the events of the sessions it
     * reaches (a session just finished, events arriving out of order, room-name-only events around
     * it), and parsing them again was most of its cost. A stored event never changes, so an entry
     * stays right for as long as it is kept; the bound keeps memory independent of the history.
     */
    static final int PARSED_EVENTS = 4096;

    private final Map<String, Entry> entries;
    private final Map<String, ProjectedEvent> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ProjectedEvent> eldest) {
            return size() > PARSED_EVENTS;
        }
    };
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

    /** The stored event parsed: kept from before when it is the same row, else parsed now. */
    synchronized ProjectedEvent parsed(RecordedEvent row, Function<RecordedEvent, ProjectedEvent> parse) {
        ProjectedEvent known = parsed.get(row.eventId());
        if (known != null && known.receivedAt().toEpochMilli() == row.receivedAt()) {
            return known;
        }
        ProjectedEvent event = parse.apply(row);
        if (event != null) {
            parsed.put(row.eventId(), event);
        }
        return event;
    }

    /** An event being stored, parsed already when it was received. */
    synchronized void parsedAlready(ProjectedEvent event) {
        parsed.put(event.eventId(), event);
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
