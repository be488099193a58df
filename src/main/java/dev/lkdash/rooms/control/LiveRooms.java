package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.QuietRoom;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.stats.entity.StatsTotals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live rooms, the only room state held in memory: an immutable map replaced as a whole after
 * each change commits, so that reads take no lock and never see half a change.
 */
public final class LiveRooms {

    /** Several live sessions of one name can only be nameless ones; the earliest is "the" room. */
    private static final Comparator<RoomDetail> BY_START =
            Comparator.comparingLong(RoomDetail::creationTime).thenComparing(RoomDetail::sid);

    private volatile Map<String, RoomDetail> bySid = Map.of();
    private volatile List<RoomSummary> summaries = List.of();
    private volatile StatsTotals totals = totalsOf(List.of());
    private volatile List<QuietRoom> quiet = List.of();
    private final Map<String, QuietRoom> quietBySid = new HashMap<>();
    /**
     * With several instances: the change each room's state came from, for the live rooms and the
     * latest ended ones, so that an older change arriving later is not taken.
     */
    private final Map<String, ChangeOrder> takenFrom = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChangeOrder> eldest) {
            return size() > REMEMBERED_CHANGES && !bySid.containsKey(eldest.getKey());
        }
    };
    /** Every change up to this one is in the state loaded at start. */
    private ChangeOrder loadedThrough;

    /** Ended rooms whose last change is remembered: far more than end within a message's delay. */
    static final int REMEMBERED_CHANGES = 10_000;

    /** Takes the re-derived sessions: each is live (with its room) or not (empty). */
    synchronized void update(Map<String, Optional<LiveRoom>> changes) {
        apply(changes);
    }

    /**
     * Takes the sessions of a change numbered in commit order (instances sharing one database),
     * each unless the state held of it comes from a later change already.
     */
    synchronized void update(Map<String, Optional<LiveRoom>> changes, ChangeOrder order) {
        if (loadedThrough != null && order.compareTo(loadedThrough) <= 0) {
            return;
        }
        Map<String, Optional<LiveRoom>> newer = new HashMap<>();
        changes.forEach((sid, room) -> {
            ChangeOrder held = takenFrom.get(sid);
            if (held == null || order.compareTo(held) > 0) {
                newer.put(sid, room);
                takenFrom.put(sid, order);
            }
        });
        apply(newer);
    }

    /** The state was loaded with every change up to this one: older changes are in it. */
    synchronized void loadedThrough(ChangeOrder order) {
        loadedThrough = order;
    }

    private void apply(Map<String, Optional<LiveRoom>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, RoomDetail> next = new HashMap<>(bySid);
        changes.forEach((sid, room) -> {
            if (room.isPresent()) {
                next.put(sid, room.get().detail());
            } else {
                next.remove(sid);
            }
            if (room.isPresent() && room.get().quiet() != null) {
                quietBySid.put(sid, room.get().quiet());
            } else {
                quietBySid.remove(sid);
            }
        });
        List<RoomSummary> listed = new ArrayList<>();
        next.values().forEach(room -> listed.add(room.summary()));
        listed.sort(Comparator.comparing(RoomSummary::name).thenComparing(RoomSummary::sid));
        bySid = Map.copyOf(next);
        summaries = List.copyOf(listed);
        totals = totalsOf(listed);
        quiet = List.copyOf(quietBySid.values());
    }

    /** What the live rooms add up to: rooms, counted participants, publishers, rooms recording. */
    static StatsTotals totalsOf(List<RoomSummary> rooms) {
        int participants = 0;
        int publishers = 0;
        int recordings = 0;
        for (RoomSummary room : rooms) {
            participants += room.numParticipants();
            publishers += room.numPublishers();
            recordings += room.activeRecording() ? 1 : 0;
        }
        return new StatsTotals(rooms.size(), participants, publishers, recordings);
    }

    public StatsTotals totals() {
        return totals;
    }

    /** The live rooms nobody holds open. */
    public List<QuietRoom> quiet() {
        return quiet;
    }

    public List<RoomSummary> summaries() {
        return summaries;
    }

    public Optional<RoomDetail> byName(String name) {
        return bySid.values().stream().filter(room -> room.name().equals(name)).min(BY_START);
    }

    public Optional<List<ParticipantView>> participants(String name) {
        return byName(name).map(RoomDetail::participants);
    }

    public boolean isLive(String sid) {
        return bySid.containsKey(sid);
    }

    public int size() {
        return bySid.size();
    }
}
