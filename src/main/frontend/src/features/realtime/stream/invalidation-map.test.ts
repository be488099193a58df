import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { livekitMessage, messages } from '@/test/fixtures';
import { invalidationFor } from './invalidation-map';

const roomsList = ['rooms', 'list'];
const detail = ['rooms', 'detail', 'daily-standup'];
const stats = ['stats'];
const sessionsLists = ['sessions', 'list'];
const session = ['sessions', 'detail', 'RM_standup0001'];
const health = ['webhooks'];

describe('invalidationFor', () => {
  it.each([
    ['room_started', messages.roomStarted(), [roomsList, stats, sessionsLists, detail, session, health]],
    ['room_finished', messages.roomFinished(), [roomsList, stats, sessionsLists, detail, session, health]],
    ['participant_joined', messages.participantJoined(), [detail, roomsList, stats, session, sessionsLists, health]],
    ['participant_left', messages.participantLeft(), [detail, roomsList, stats, session, sessionsLists, health]],
    ['track_published', messages.trackPublished(), [detail, roomsList, stats, session, health]],
    ['egress_started', messages.egressStarted(), [detail, roomsList, stats, session, health]],
    ['ingress_started', messages.ingressStarted(), [detail, health]],
  ])('%s', (_name, message, expected) => {
    expect(invalidationFor(message)).toEqual(expected);
  });

  it('refreshes the health page on a webhook_health message, and on nothing else of the system kind', () => {
    expect(invalidationFor({ type: 'system', event: 'webhook_health', timestamp: 0 })).toEqual([health]);
    expect(invalidationFor(messages.connected())).toEqual([]);
  });

  it('takes the room of egress and ingress events from egressInfo / ingressInfo', () => {
    const egress = livekitMessage('egress_ended', { egressInfo: { egressId: 'EG_1', roomName: 'town-hall', roomId: 'RM_x' } });
    expect(invalidationFor(egress)).toContainEqual(['rooms', 'detail', 'town-hall']);
    const ingress = livekitMessage('ingress_ended', { ingressInfo: { ingressId: 'IN_1', roomName: 'town-hall' } });
    expect(invalidationFor(ingress)).toEqual([['rooms', 'detail', 'town-hall'], health]);
  });

  it('refreshes the named room for agent jobs and event names it does not know', () => {
    expect(invalidationFor(livekitMessage('agent_job_started', { job: { id: 'AJ_1', room: { name: 'r', sid: 'RM_r' } } }))).toEqual([
      ['rooms', 'detail', 'r'],
      ['sessions', 'detail', 'RM_r'],
      health,
    ]);
    expect(invalidationFor(livekitMessage('some_future_event', { room: { name: 'r' } }))).toEqual([['rooms', 'detail', 'r'], health]);
    expect(invalidationFor(livekitMessage('some_future_event', {}))).toEqual([health]);
  });

  it('invalidates everything on a system resync, nothing on connected', () => {
    expect(invalidationFor(messages.resync())).toBe('all');
    expect(invalidationFor(messages.connected())).toEqual([]);
  });

  it('follows what a system correction names', () => {
    const correction = { type: 'system' as const, event: 'room_corrected', timestamp: 0, data: { roomName: 'r' } };
    expect(invalidationFor(correction)).toEqual([roomsList, stats, ['rooms', 'detail', 'r'], sessionsLists, health]);
  });

  it('refreshes the session a presumed end closes', () => {
    const presumed = {
      type: 'system' as const,
      event: 'reconciliation',
      timestamp: 0,
      data: { action: 'room_presumed_ended', livekitEvent: 'room_presumed_ended', room: { sid: 'RM_standup0001', name: 'daily-standup' } },
    };
    expect(invalidationFor(presumed)).toEqual([roomsList, stats, detail, sessionsLists, session, health]);
  });

  it('a room detail key also covers that room’s participants query', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.rooms.participants('daily-standup').queryKey, []);
    const keys = invalidationFor(messages.trackPublished());
    if (keys === 'all') throw new Error('unexpected');
    for (const queryKey of keys) await client.invalidateQueries({ queryKey });
    expect(client.getQueryState(queryKeys.rooms.participants('daily-standup').queryKey)?.isInvalidated).toBe(true);
  });
});
