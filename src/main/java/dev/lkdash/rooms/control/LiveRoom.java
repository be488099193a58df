package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.QuietRoom;
import dev.lkdash.rooms.entity.RoomDetail;

/**
 * A live session as memory keeps it.
 *
 * @param quiet what presuming its end needs, null while someone holds it open
 */
record LiveRoom(RoomDetail detail, QuietRoom quiet) {
}
