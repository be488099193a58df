package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.RoomSummary;
import java.util.List;
import java.util.Optional;

/** What reconciliation reads of the room state. */
public interface RoomReads {

    /** The active rooms, by name. */
    List<RoomSummary> activeRooms();

    /** The present participants of the active room of that name. */
    Optional<List<ParticipantView>> activeRoomParticipants(String name);

    /** Whether a room session with that sid has state, live or over. */
    boolean knows(String sid);
}
