import { describe, expect, it } from 'vitest';
import { livekitMessage, messages } from '@/test/fixtures';
import { describeEvent } from './describe-event';

describe('describeEvent', () => {
  it.each([
    [messages.roomStarted(), 'Room started'],
    [messages.roomFinished(), 'Room finished'],
    [messages.participantJoined(), 'Alice joined'],
    [messages.participantLeft(), 'Bob left (client initiated)'],
    [messages.trackPublished(), 'Alice published camera'],
    [messages.egressStarted(), 'Egress EG_record00001 starting'],
    [messages.ingressStarted(), 'Ingress obs-stream started'],
    [livekitMessage('agent_job_started', { job: { room: { name: 'r' } } }), 'Agent job started'],
  ])('%#: %s', (message, text) => {
    expect(describeEvent(message).text).toBe(text);
  });

  it('names the room wherever the event keeps it', () => {
    expect(describeEvent(messages.participantJoined()).room).toBe('daily-standup');
    expect(describeEvent(messages.egressStarted()).room).toBe('daily-standup');
    expect(describeEvent(messages.ingressStarted()).room).toBe('daily-standup');
    expect(describeEvent(livekitMessage('agent_job_ended', { job: { room: { name: 'r' } } })).room).toBe('r');
  });
});
