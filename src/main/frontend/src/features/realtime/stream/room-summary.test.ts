import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { messages, summary } from '@/test/fixtures';
import type { RoomSummary } from '@/types/api';
import { applyRoomSummary } from './room-summary';

const key = queryKeys.rooms.list().queryKey;
const other: RoomSummary = { ...summary, sid: 'RM_other', name: 'other', numParticipants: 4 };

function clientWith(rooms?: RoomSummary[]) {
  const client = new QueryClient();
  if (rooms) client.setQueryData(key, rooms);
  return client;
}

describe('applyRoomSummary', () => {
  it('replaces the room it describes', () => {
    const client = clientWith([other, { ...summary, numParticipants: 0 }]);
    applyRoomSummary(client, messages.participantJoined());
    expect(client.getQueryData(key)).toEqual([other, summary]);
  });

  it('inserts a room the list does not have yet', () => {
    const client = clientWith([other]);
    applyRoomSummary(client, messages.participantJoined());
    expect(client.getQueryData(key)).toEqual([other, summary]);
  });

  it('removes the room on room_finished', () => {
    const client = clientWith([other, summary]);
    applyRoomSummary(client, messages.roomFinished());
    expect(client.getQueryData(key)).toEqual([other]);
  });

  it('leaves a list that was never fetched alone', () => {
    const client = clientWith();
    applyRoomSummary(client, messages.participantJoined());
    expect(client.getQueryData(key)).toBeUndefined();
  });

  it('does nothing without a summary', () => {
    const rooms = [other];
    const client = clientWith(rooms);
    applyRoomSummary(client, messages.participantJoined(false));
    expect(client.getQueryData(key)).toBe(rooms);
  });
});
