package dev.lkdash.reconciliation.control;

import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.rooms.entity.QuietRoom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitModels;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Which live rooms to presume ended, when no RoomService can be asked: a room nobody holds open
 * that has had no event for its {@code emptyTimeout} plus its {@code departureTimeout}. LiveKit
 * would have closed it by then (it checks its empty rooms every few seconds), so its
 * {@code room_finished} was lost.
 * <p>
 * The presumed end is when LiveKit closes such a room (livekit-server {@code pkg/rtc/room.go},
 * {@code Room.CloseIfEmpty}): {@code departureTimeout} after the last participant left, or, in a
 * room nobody ever left, {@code emptyTimeout} after its creation; never before the room's last
 * room-queue event, so that no event of the room follows the presumption (which would void it).
 * It is recorded as a {@code room_presumed_ended} event whose id is made of the room sid and that
 * time, so finding the same quiet room again records nothing new.
 */
public final class PresumedEnds {

    /**
     * LiveKit's {@code room.empty_timeout} and {@code room.departure_timeout} when a room is created
     * without its own (livekit-server {@code pkg/config/config.go}, {@code DefaultConfig}: 5 * 60 and
     * 20 s); LiveKit puts the applied values in the room object of its events, so these only stand
     * in for events that lack them.
     */
    static final int DEFAULT_EMPTY_TIMEOUT_SECONDS = 300;
    static final int DEFAULT_DEPARTURE_TIMEOUT_SECONDS = 20;
    /** The event recorded, and the correction's action, named after it. */
    static final String EVENT = "room_presumed_ended";

    private PresumedEnds() {
    }

    public static List<Correction> corrections(List<QuietRoom> quietRooms, Clock clock) {
        long now = clock.millis();
        List<Correction> corrections = new ArrayList<>();
        for (QuietRoom room : quietRooms) {
            long quietFor = (emptyTimeout(room) + departureTimeout(room)) * 1000L;
            if (now - room.lastEventAt() < quietFor) {
                continue;
            }
            long endedAtSeconds = (endedAt(room) + 999) / 1000; // LiveKit's createdAt is in whole seconds
            corrections.add(new Correction(EVENT, "no participant and no event for " + quietFor / 1000
                    + " s (emptyTimeout + departureTimeout), and no livekit.url to ask LiveKit",
                    WebhookEvent.newBuilder()
                            .setEvent(EVENT)
                            .setId("RC_" + EVENT + "_" + room.sid() + "_" + endedAtSeconds)
                            .setCreatedAt(endedAtSeconds)
                            .setRoom(LivekitModels.Room.newBuilder().setSid(room.sid()).setName(room.roomName()))
                            .build()));
        }
        return corrections;
    }

    /** When LiveKit closed the room, as far as the events tell, ms. */
    static long endedAt(QuietRoom room) {
        long closedAt = room.lastLeftAt() != null
                ? room.lastLeftAt() + departureTimeout(room) * 1000L
                : room.startedAt() + emptyTimeout(room) * 1000L;
        return Math.max(closedAt, room.lastSignOfLifeAt());
    }

    private static int emptyTimeout(QuietRoom room) {
        return room.emptyTimeout() > 0 ? room.emptyTimeout() : DEFAULT_EMPTY_TIMEOUT_SECONDS;
    }

    private static int departureTimeout(QuietRoom room) {
        return room.departureTimeout() > 0 ? room.departureTimeout() : DEFAULT_DEPARTURE_TIMEOUT_SECONDS;
    }
}
