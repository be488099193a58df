package dev.lkdash.rooms.control;

import java.util.List;

import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.sessions.entity.SessionDetail;

/**
 * The whole projected state at one moment: the active rooms (by name) with their participants,
 * and every session (newest first) with its history. Records all the way down, so
 * {@code equals} compares content: two projections fed the same set of events (and reading with
 * the same clock) give equal snapshots.
 */
public record ProjectionSnapshot(List<RoomDetail> activeRooms, List<SessionDetail> sessions) {
}
