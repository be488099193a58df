import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { livekitMessage, messages, summary } from '@/test/fixtures';
import type { RoomDetail, RoomSummary } from '@/types/api';
import { createCachePatches } from './cache-patches';
import { applyRoomUpdate } from './room-cache';

const listKey = queryKeys.rooms.list().queryKey;
const detailKey = queryKeys.rooms.detail(summary.name).queryKey;
const other: RoomSummary = { ...summary, sid: 'RM_other', name: 'other', numParticipants: 4 };
const bob = { sid: 'PA_bob00000001', identity: 'bob@example.com', joinedAt: 1767261601000, tracks: [] };

let client: QueryClient;
afterEach(() => client.clear());

function setUp({ rooms, room }: { rooms?: RoomSummary[]; room?: RoomDetail } = {}) {
  client = new QueryClient();
  if (rooms) client.setQueryData(listKey, rooms);
  if (room) client.setQueryData(detailKey, room);
  const patches = createCachePatches(client);
  return (message: Parameters<typeof applyRoomUpdate>[1]) => applyRoomUpdate(patches, message);
}

describe('applyRoomUpdate: the rooms list', () => {
  it('replaces the room it describes', () => {
    const apply = setUp({ rooms: [other, { ...summary, numParticipants: 0 }] });
    expect(apply(messages.participantJoined())).toEqual({ roomsList: true, roomView: 'daily-standup' });
    expect(client.getQueryData(listKey)).toEqual([other, summary]);
  });

  it('inserts a room the list does not have yet', () => {
    const apply = setUp({ rooms: [other] });
    apply(messages.participantJoined());
    expect(client.getQueryData(listKey)).toEqual([other, summary]);
  });

  it('removes the room on room_finished', () => {
    const apply = setUp({ rooms: [other, summary] });
    expect(apply(messages.roomFinished())).toEqual({ roomsList: true, roomView: null });
    expect(client.getQueryData(listKey)).toEqual([other]);
  });

  it('leaves a list that was never fetched alone', () => {
    const apply = setUp();
    apply(messages.participantJoined());
    expect(client.getQueryData(listKey)).toBeUndefined();
  });

  it('does nothing to the list without a summary, and says the list is stale', () => {
    const rooms = [other];
    const apply = setUp({ rooms });
    expect(apply(messages.participantJoined(false))).toEqual({ roomsList: false, roomView: null });
    expect(client.getQueryData(listKey)).toBe(rooms);
  });
});

describe('applyRoomUpdate: the room view', () => {
  const room: RoomDetail = { ...summary, numParticipants: 1, participants: [bob] };

  it('adds a participant who joined, with joinedAt in ms, and the new counts', () => {
    const apply = setUp({ room });
    apply(messages.participantJoined());
    const detail = client.getQueryData<RoomDetail>(detailKey);
    expect(detail?.participants?.map((p) => p.identity)).toEqual(['bob@example.com', 'alice@example.com']);
    expect(detail?.participants?.[1]).toMatchObject({ sid: 'PA_alice000001', name: 'Alice', joinedAt: 1767261605000, tracks: [] });
    expect(detail?.numParticipants).toBe(summary.numParticipants);
  });

  it('replaces the entry of an identity that reconnected under a new sid', () => {
    const apply = setUp({ room: { ...room, participants: [{ ...bob, identity: 'alice@example.com' }] } });
    apply(messages.participantJoined());
    expect(client.getQueryData<RoomDetail>(detailKey)?.participants?.map((p) => p.sid)).toEqual(['PA_alice000001']);
  });

  it('removes a participant who left', () => {
    const apply = setUp({ room });
    apply(messages.participantLeft());
    expect(client.getQueryData<RoomDetail>(detailKey)?.participants).toEqual([]);
  });

  it('adds and removes tracks of a participant', () => {
    const apply = setUp({ room: { ...room, participants: [{ ...bob, sid: 'PA_alice000001', identity: 'alice@example.com' }] } });
    apply(messages.trackPublished());
    const tracks = () => client.getQueryData<RoomDetail>(detailKey)?.participants?.[0].tracks;
    expect(tracks()).toEqual([expect.objectContaining({ sid: 'TR_alicecam001', type: 'VIDEO', width: 1280 })]);
    apply(livekitMessage('track_unpublished', { ...messages.trackPublished().data }));
    expect(tracks()).toEqual([]);
  });

  it('leaves a room view that was never fetched alone', () => {
    const apply = setUp();
    apply(messages.participantJoined());
    expect(client.getQueryData(detailKey)).toBeUndefined();
  });
});
