import { queryKeys } from '@/lib/query-keys';
import type { Participant, RoomDetail, RoomSummary, StreamMessage, StreamParticipant, StreamTrack, Track } from '@/types/api';
import type { CachePatches } from './cache-patches';

/*
 * Writes the room state a message carries straight into the cached rooms list
 * and room view, so both change the instant the event arrives instead of one
 * refetch later. Queries not fetched yet are left alone: a list or a room built
 * from events alone would look complete and be wrong.
 */

const roomsListKey = queryKeys.rooms.list().queryKey;

/** Stream objects carry LiveKit's units: `joinedAt` in seconds. */
function toTrack(track: StreamTrack & { sid: string }): Track {
  return {
    sid: track.sid,
    type: track.type,
    source: track.source,
    name: track.name,
    muted: track.muted,
    simulcast: track.simulcast,
    width: track.width,
    height: track.height,
  };
}

function toParticipant(participant: StreamParticipant & { sid: string; identity: string }): Participant {
  return {
    sid: participant.sid,
    identity: participant.identity,
    name: participant.name,
    kind: participant.kind,
    state: participant.state,
    joinedAt: participant.joinedAt === undefined ? undefined : participant.joinedAt * 1000,
    metadata: participant.metadata,
    tracks: (participant.tracks ?? []).filter((t): t is StreamTrack & { sid: string } => !!t.sid).map(toTrack),
  };
}

type ParticipantsUpdate = (participants: Participant[]) => Participant[];

/** How a membership or track event changes the room's participant list, if it does. */
function participantsUpdate(message: StreamMessage): ParticipantsUpdate | null {
  const participant = message.data?.participant;
  if (!participant?.sid || !participant.identity) return null;
  const { sid, identity } = participant;
  const track = message.data?.track;
  switch (message.event) {
    case 'participant_joined': {
      const joined = toParticipant({ ...participant, sid, identity });
      // A reconnect comes back under a new sid with the same identity.
      return (list) => [...list.filter((p) => p.sid !== sid && p.identity !== identity), joined];
    }
    case 'participant_left':
    case 'participant_connection_aborted':
      return (list) => list.filter((p) => p.sid !== sid);
    case 'track_published':
      if (!track?.sid) return null;
      return (list) =>
        list.map((p) =>
          p.sid === sid ? { ...p, tracks: [...(p.tracks ?? []).filter((t) => t.sid !== track.sid), toTrack({ ...track, sid: track.sid! })] } : p,
        );
    case 'track_unpublished':
      if (!track?.sid) return null;
      return (list) => list.map((p) => (p.sid === sid ? { ...p, tracks: (p.tracks ?? []).filter((t) => t.sid !== track.sid) } : p));
    default:
      return null;
  }
}

/** What a message wrote: the caches it brought up to date need no refetch for it. */
export interface RoomUpdate {
  /** It carried the rooms list's new state for its room (a summary, or the room's end). */
  roomsList: boolean;
  /** It carried the room view's change (counts and the participant or track), for this room name. */
  roomView: string | null;
}

/** Applies a message to the cached rooms list and the cached view of its room. */
export function applyRoomUpdate(patches: CachePatches, message: StreamMessage): RoomUpdate {
  const none: RoomUpdate = { roomsList: false, roomView: null };
  if (message.type !== 'livekit') return none;

  if (message.event === 'room_finished') {
    const room = message.data?.room;
    if (!room?.name && !room?.sid) return none;
    patches.patch<RoomSummary[]>(roomsListKey, (rooms) => rooms?.filter((r) => !(room.sid ? r.sid === room.sid : r.name === room.name)));
    return { roomsList: true, roomView: null };
  }

  const summary = message.data?.roomSummary;
  const name = summary?.name ?? message.data?.room?.name;
  const participants = participantsUpdate(message);
  if (name && (summary || participants)) {
    patches.patch<RoomDetail>(queryKeys.rooms.detail(name).queryKey, (room) => {
      if (!room) return room;
      const next = summary ? { ...room, ...summary } : { ...room };
      if (participants) next.participants = participants(room.participants ?? []);
      return next;
    });
  }
  // The view is complete only with both: the new counts and who joined, left or published what.
  const roomView = name && summary && participants ? name : null;
  if (!summary?.name) return { roomsList: false, roomView };
  patches.patch<RoomSummary[]>(roomsListKey, (rooms) => {
    if (!rooms) return rooms;
    const index = rooms.findIndex((r) => r.name === summary.name);
    if (index === -1) return [...rooms, summary];
    const next = rooms.slice();
    next[index] = summary;
    return next;
  });
  return { roomsList: true, roomView };
}
