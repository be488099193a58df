import type { QueryKey } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import type { StreamData, StreamMessage } from '@/types/api';

/** What a message makes stale: everything, or a list of key prefixes. */
export type Invalidation = 'all' | QueryKey[];

function roomDetail(name: string | undefined): QueryKey[] {
  return name ? [queryKeys.rooms.detail(name).queryKey] : [];
}

function sessionDetail(sid: string | undefined): QueryKey[] {
  // A session's sid is LiveKit's room sid.
  return sid ? [queryKeys.sessions.detail(sid).queryKey] : [];
}

const roomsList = queryKeys.rooms.list().queryKey;

function forRoomLifecycle(data: StreamData): QueryKey[] {
  return [
    roomsList,
    queryKeys.stats.all,
    queryKeys.sessions.lists,
    ...roomDetail(data.room?.name),
    ...sessionDetail(data.room?.sid),
  ];
}

function forMembership(data: StreamData, changesSessionCounts: boolean): QueryKey[] {
  return [
    ...roomDetail(data.room?.name),
    roomsList,
    queryKeys.stats.all,
    ...sessionDetail(data.room?.sid),
    ...(changesSessionCounts ? [queryKeys.sessions.lists] : []),
  ];
}

/** The queries one stream message makes stale (key prefixes from the key factory). */
export function invalidationFor(message: StreamMessage): Invalidation {
  if (message.type === 'system') return forSystem(message);
  // Every accepted webhook moves the health page's counts (the scheduler coalesces the refetches).
  return [...forLivekit(message), queryKeys.webhooks.all];
}

function forSystem(message: StreamMessage): Invalidation {
  const data = message.data ?? {};
  switch (message.event) {
    case 'resync':
      return 'all';
    case 'connected':
    case 'error':
      return [];
    case 'webhook_health':
      // Refusals, duplicates and silence change it without any livekit message.
      return [queryKeys.webhooks.all];
    default: {
      // Corrections (reconciling with LiveKit, a presumed end) name the room they touch, may end its session,
      // and are listed on the health page.
      const name = data.room?.name ?? data.roomSummary?.name ?? (typeof data.roomName === 'string' ? data.roomName : undefined);
      const sid = data.room?.sid ?? data.roomSummary?.sid;
      return name
        ? [roomsList, queryKeys.stats.all, ...roomDetail(name), queryKeys.sessions.lists, ...sessionDetail(sid), queryKeys.webhooks.all]
        : [];
    }
  }
}

function forLivekit(message: StreamMessage): QueryKey[] {
  const data = message.data ?? {};
  switch (message.event) {
    case 'room_started':
    case 'room_finished':
      return forRoomLifecycle(data);
    case 'participant_joined':
    case 'participant_left':
    case 'participant_connection_aborted':
      return forMembership(data, true);
    case 'track_published':
    case 'track_unpublished':
      return forMembership(data, false);
    case 'egress_started':
    case 'egress_updated':
    case 'egress_ended':
      // Recording state shows in the rooms list and the overview's "recordings".
      return [
        ...roomDetail(data.egressInfo?.roomName),
        roomsList,
        queryKeys.stats.all,
        ...sessionDetail(data.egressInfo?.roomId),
      ];
    case 'ingress_started':
    case 'ingress_ended':
      return roomDetail(data.ingressInfo?.roomName);
    default: {
      // agent_job_* and event names newer than this dashboard: refresh the room they name.
      const room = data.room ?? data.job?.room;
      return [...roomDetail(room?.name), ...sessionDetail(room?.sid)];
    }
  }
}
