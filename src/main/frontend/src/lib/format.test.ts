import { describe, expect, it } from 'vitest';
import { formatDuration, formatOffset, humanizeEnum } from './format';
import { eventCategory, participantKind } from './livekit';

describe('format', () => {
  it.each([
    [0, '0s'],
    [42_400, '42s'],
    [303_000, '5m 03s'],
    [7_620_000, '2h 07m'],
    [273_600_000, '3d 04h'],
    [-5_000, '0s'],
  ])('formatDuration(%i) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('formats timeline offsets', () => {
    expect(formatOffset(65_000)).toBe('+01:05');
    expect(formatOffset(3_725_000)).toBe('+1:02:05');
  });

  it('humanizes LiveKit enum names', () => {
    expect(humanizeEnum('SCREEN_SHARE')).toBe('Screen share');
    expect(humanizeEnum('EGRESS_ACTIVE', 'EGRESS_')).toBe('Active');
    expect(humanizeEnum(undefined)).toBe('—');
  });
});

describe('livekit vocabulary', () => {
  it('treats a missing participant kind as standard (the protobuf zero value)', () => {
    expect(participantKind(undefined)).toEqual({ tone: 'standard', label: 'Standard' });
    expect(participantKind('SIP')).toEqual({ tone: 'sip', label: 'SIP' });
    expect(participantKind('ROBOT')).toEqual({ tone: 'standard', label: 'ROBOT' });
  });

  it('groups events by their first word', () => {
    expect(eventCategory('participant_connection_aborted')).toBe('participant');
    expect(eventCategory('agent_job_started')).toBe('agent');
    expect(eventCategory('webhook_test')).toBe('other');
  });
});
