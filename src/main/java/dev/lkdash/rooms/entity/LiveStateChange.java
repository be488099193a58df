package dev.lkdash.rooms.entity;

import java.util.List;

/**
 * A committed change of the live rooms as the instance that made it tells the others
 * ({@code dashboard.bus=redis}), with its message on the shared stream: they take it into their
 * live state as it is, without reading the database. Changes are numbered in commit order
 * ({@code change}, then {@code step} within one transaction), so an instance keeps the newest
 * state of each room whatever order the messages reach it in.
 *
 * @param change the change transaction's number (the database's {@code room_change} sequence)
 * @param step   the derivation's place in that transaction
 * @param live   the room sessions the change left live, as they are now
 * @param quiet  of those, the ones nobody holds open
 * @param ended  the room sessions the change left not live (ended, or gone)
 */
public record LiveStateChange(long change, int step, List<RoomDetail> live, List<QuietRoom> quiet,
                              List<String> ended) {
}
