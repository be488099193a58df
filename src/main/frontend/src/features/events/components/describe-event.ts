import { humanizeEnum } from '@/lib/format';
import type { StreamMessage } from '@/types/api';

/** A one-line, human account of a LiveKit event, and the room it concerns. */
export function describeEvent({ event, data = {} }: StreamMessage): { text: string; room?: string } {
  const room = data.room?.name ?? data.egressInfo?.roomName ?? data.ingressInfo?.roomName ?? data.job?.room?.name;
  const who = data.participant?.name || data.participant?.identity || 'someone';
  const track = data.track ? humanizeEnum(data.track.source ?? data.track.type ?? 'track').toLowerCase() : 'a track';

  switch (event) {
    case 'room_started':
      return { text: 'Room started', room };
    case 'room_finished':
      return { text: 'Room finished', room };
    case 'participant_joined':
      return { text: `${who} joined`, room };
    case 'participant_left': {
      const reason = data.participant?.disconnectReason;
      return { text: `${who} left${reason ? ` (${humanizeEnum(reason).toLowerCase()})` : ''}`, room };
    }
    case 'participant_connection_aborted':
      return { text: `${who}'s connection aborted`, room };
    case 'track_published':
      return { text: `${who} published ${track}`, room };
    case 'track_unpublished':
      return { text: `${who} unpublished ${track}`, room };
    case 'egress_started':
    case 'egress_updated':
    case 'egress_ended': {
      const status = data.egressInfo?.status;
      return { text: `Egress ${data.egressInfo?.egressId ?? ''} ${status ? humanizeEnum(status, 'EGRESS_').toLowerCase() : event.slice(7)}`, room };
    }
    case 'ingress_started':
    case 'ingress_ended':
      return { text: `Ingress ${data.ingressInfo?.name ?? data.ingressInfo?.ingressId ?? ''} ${event.slice(8)}`, room };
    default:
      return { text: humanizeEnum(event), room };
  }
}
