import type { RoomSummary, StreamMessage } from '@/types/api';

/*
 * SSE messages as the contract describes them: LiveKit webhook bodies from
 * shared/fixtures/livekit with int64 strings turned into numbers.
 */

const room = {
  sid: 'RM_standup0001',
  name: 'daily-standup',
  emptyTimeout: 300,
  maxParticipants: 20,
  creationTime: 1767261600,
  metadata: '{"team":"engineering"}',
};

const alice = { sid: 'PA_alice000001', identity: 'alice@example.com', state: 'ACTIVE', joinedAt: 1767261605, name: 'Alice' };

export const summary: RoomSummary = {
  sid: 'RM_standup0001',
  name: 'daily-standup',
  numParticipants: 1,
  numPublishers: 0,
  creationTime: 1767261600000,
  metadata: '{"team":"engineering"}',
  activeRecording: false,
};

let counter = 0;

export function livekitMessage(event: string, data: StreamMessage['data'], id = `msg-${++counter}`): StreamMessage {
  return { id, type: 'livekit', event, timestamp: 1767261605000, data, metadata: { source: 'webhook', version: '1.0.0', webhookId: `EV_${id}` } };
}

export const messages = {
  roomStarted: () => livekitMessage('room_started', { room }),
  roomFinished: () => livekitMessage('room_finished', { room }),
  participantJoined: (withSummary = true) =>
    livekitMessage('participant_joined', { room: { ...room, numParticipants: 1 }, participant: alice, ...(withSummary ? { roomSummary: summary } : {}) }),
  participantLeft: () =>
    livekitMessage('participant_left', {
      room,
      participant: { sid: 'PA_bob00000001', identity: 'bob@example.com', state: 'DISCONNECTED', name: 'Bob', disconnectReason: 'CLIENT_INITIATED' },
    }),
  trackPublished: () =>
    livekitMessage('track_published', {
      room,
      participant: alice,
      track: { sid: 'TR_alicecam001', type: 'VIDEO', name: 'camera', width: 1280, height: 720, source: 'CAMERA' },
    }),
  egressStarted: () =>
    livekitMessage('egress_started', {
      egressInfo: { egressId: 'EG_record00001', roomId: 'RM_standup0001', roomName: 'daily-standup', status: 'EGRESS_STARTING' },
    }),
  ingressStarted: () =>
    livekitMessage('ingress_started', {
      ingressInfo: { ingressId: 'IN_obs0000001', name: 'obs-stream', roomName: 'daily-standup', participantIdentity: 'obs' },
    }),
  connected: (): StreamMessage => ({ type: 'system', event: 'connected', timestamp: 1767261600000, data: { connectionId: 'c1', serverVersion: '1.0.0' } }),
  resync: (): StreamMessage => ({ type: 'system', event: 'resync', timestamp: 1767261600000, data: {} }),
};
