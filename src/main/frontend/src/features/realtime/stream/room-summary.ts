import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import type { RoomSummary, StreamMessage } from '@/types/api';

/**
 * Writes the room state a message carries straight into the cached rooms list,
 * so counts move the instant the event arrives; the coalesced refetch that
 * follows only confirms. A list not fetched yet is left alone: a partial list
 * built from events would look complete and be wrong.
 */
export function applyRoomSummary(queryClient: QueryClient, message: StreamMessage): void {
  if (message.type !== 'livekit') return;
  const key = queryKeys.rooms.list().queryKey;

  if (message.event === 'room_finished') {
    const room = message.data?.room;
    if (!room?.name && !room?.sid) return;
    queryClient.setQueryData<RoomSummary[]>(key, (rooms) =>
      rooms?.filter((r) => !(room.sid ? r.sid === room.sid : r.name === room.name)),
    );
    return;
  }

  const summary = message.data?.roomSummary;
  if (!summary?.name) return;
  queryClient.setQueryData<RoomSummary[]>(key, (rooms) => {
    if (!rooms) return rooms;
    const index = rooms.findIndex((r) => r.name === summary.name);
    if (index === -1) return [...rooms, summary];
    const next = rooms.slice();
    next[index] = summary;
    return next;
  });
}
