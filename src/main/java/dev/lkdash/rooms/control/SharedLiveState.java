package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.LiveStateChange;
import dev.lkdash.rooms.entity.QuietRoom;
import dev.lkdash.rooms.entity.RoomDetail;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the {@link LiveStateChange} that travels with a message between instances: the
 * rooms a derivation re-derived, as its instance's live state took them.
 */
final class SharedLiveState {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** A change as read from another instance. */
    record Taken(ChangeOrder order, Map<String, Optional<LiveRoom>> rooms) {
    }

    private SharedLiveState() {
    }

    static String json(ChangeOrder order, Map<String, Optional<LiveRoom>> rooms) {
        List<RoomDetail> live = new ArrayList<>();
        List<QuietRoom> quiet = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        rooms.forEach((sid, room) -> {
            if (room.isPresent()) {
                live.add(room.get().detail());
                if (room.get().quiet() != null) {
                    quiet.add(room.get().quiet());
                }
            } else {
                ended.add(sid);
            }
        });
        return JSONB.toJson(new LiveStateChange(order.change(), order.step(), live, quiet, ended));
    }

    static Taken read(String json) {
        LiveStateChange change = JSONB.fromJson(json, LiveStateChange.class);
        Map<String, QuietRoom> quiet = new HashMap<>();
        change.quiet().forEach(room -> quiet.put(room.sid(), room));
        Map<String, Optional<LiveRoom>> rooms = new LinkedHashMap<>();
        change.live().forEach(room -> rooms.put(room.sid(), Optional.of(new LiveRoom(room, quiet.get(room.sid())))));
        change.ended().forEach(sid -> rooms.put(sid, Optional.empty()));
        return new Taken(new ChangeOrder(change.change(), change.step()), rooms);
    }
}
