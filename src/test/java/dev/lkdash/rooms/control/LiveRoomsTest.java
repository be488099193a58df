package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.stats.entity.StatsTotals;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveRoomsTest {

    @Test
    void totalsAddUpTheLiveRooms() {
        List<RoomSummary> rooms = List.of(new RoomSummary("RM_a", "a", 3, 2, 0, "", true),
                new RoomSummary("RM_b", "b", 1, 0, 0, "", false));
        assertEquals(new StatsTotals(2, 4, 2, 1), LiveRooms.totalsOf(rooms));
        assertEquals(new StatsTotals(0, 0, 0, 0), new LiveRooms().totals(), "no live room");
    }
}
