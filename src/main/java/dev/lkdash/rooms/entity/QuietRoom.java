package dev.lkdash.rooms.entity;

/**
 * A live room session nobody holds open (no present participant but agents and recorders): what
 * presuming its end needs to know when its {@code room_finished} may have been lost.
 *
 * @param startedAt        room creation, ms
 * @param lastEventAt      its latest event of any kind, ms
 * @param lastSignOfLifeAt its latest room-queue event (room, participant or track), ms; at least
 *                         {@code startedAt}
 * @param lastLeftAt       the latest participant leave, ms; null when nobody left
 * @param emptyTimeout     the room's {@code emptyTimeout} as LiveKit reported it, s; 0 when not reported
 * @param departureTimeout the room's {@code departureTimeout} as LiveKit reported it, s; 0 when not reported
 */
public record QuietRoom(String sid, String roomName, long startedAt, long lastEventAt, long lastSignOfLifeAt,
                        Long lastLeftAt, int emptyTimeout, int departureTimeout) {
}
