import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '@/test/render';
import type { RoomDetail as Room } from '@/types/api';
import { RoomDetail } from './RoomDetail';

const now = Date.now();
const room: Room = {
  sid: 'RM_standup0001',
  name: 'daily-standup',
  numParticipants: 3,
  numPublishers: 2,
  creationTime: now - 600_000,
  metadata: '{"team":"engineering"}',
  activeRecording: true,
  participants: [
    {
      sid: 'PA_alice',
      identity: 'alice@example.com',
      name: 'Alice',
      kind: 'STANDARD',
      state: 'ACTIVE',
      joinedAt: now - 595_000,
      tracks: [
        { sid: 'TR_cam', type: 'VIDEO', source: 'CAMERA', width: 1280, height: 720, simulcast: true, muted: false },
        { sid: 'TR_mic', source: 'MICROPHONE', muted: true },
      ],
    },
    { sid: 'PA_agent', identity: 'agent-transcriber', name: 'Transcriber', kind: 'AGENT', state: 'ACTIVE', joinedAt: now - 594_000, tracks: [] },
    { sid: 'PA_phone', identity: 'sip_+15551234', kind: 'SIP', joinedAt: now - 30_000 },
  ],
  egress: [{ egressId: 'EG_record00001', status: 'EGRESS_ACTIVE', startedAt: now - 580_000 }],
  ingress: [{ ingressId: 'IN_obs0000001', name: 'obs-stream', participantIdentity: 'obs', status: 'ENDPOINT_PUBLISHING' }],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RoomDetail', () => {
  it('lists participants with kind badges, connection time and tracks', async () => {
    mockFetch({ '/api/rooms/daily-standup': room });
    renderWithProviders(<RoomDetail name="daily-standup" />);

    const rows = await screen.findAllByTestId('participant-row');
    expect(rows.map((r) => r.dataset.identity)).toEqual(['alice@example.com', 'agent-transcriber', 'sip_+15551234']);

    const alice = within(rows[0]);
    expect(alice.getByText('Standard')).toBeInTheDocument();
    expect(alice.getByText('9m 55s')).toBeInTheDocument();
    const tracks = alice.getAllByTestId('track');
    expect(tracks[0]).toHaveTextContent('Camera');
    expect(tracks[0]).toHaveTextContent('1280×720');
    expect(tracks[0]).toHaveTextContent('simulcast');
    expect(tracks[1]).toHaveTextContent('Microphone');
    expect(tracks[1]).toHaveTextContent('muted');

    expect(within(rows[1]).getByText('Agent')).toBeInTheDocument();
    expect(within(rows[1]).getByText('No published tracks')).toBeInTheDocument();
    expect(within(rows[2]).getByText('SIP')).toBeInTheDocument();
  });

  it('shows the room header, egress and ingress', async () => {
    mockFetch({ '/api/rooms/daily-standup': room });
    renderWithProviders(<RoomDetail name="daily-standup" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'daily-standup' })).toBeInTheDocument();
    expect(screen.getByText('REC')).toBeInTheDocument();
    expect(screen.getByTestId('egress-row')).toHaveTextContent('EG_record00001');
    expect(screen.getByTestId('egress-row')).toHaveTextContent('Active');
    expect(screen.getByTestId('ingress-row')).toHaveTextContent('obs-stream');
    expect(screen.getByTestId('ingress-row')).toHaveTextContent('Publishing');
  });

  it('explains a room that is no longer active, with a link to its history', async () => {
    mockFetch({ '/api/rooms/gone': [404, { error: 'not_found', message: 'No active room' }] });
    renderWithProviders(<RoomDetail name="gone" />);
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('not an active room');
    expect(within(empty).getByRole('link')).toHaveAttribute('href', '/sessions?room=gone');
  });

  it('shows other failures as errors', async () => {
    mockFetch({ '/api/rooms/x': [500, { error: 'internal', message: 'Boom' }] });
    renderWithProviders(<RoomDetail name="x" />);
    expect(await screen.findByTestId('error-state')).toHaveTextContent('Boom');
  });

  it('has an empty state for a room nobody is in', async () => {
    mockFetch({ '/api/rooms/empty': { ...room, name: 'empty', participants: [], egress: [], ingress: [] } });
    renderWithProviders(<RoomDetail name="empty" />);
    expect(await screen.findByText('Nobody is in this room')).toBeInTheDocument();
    expect(screen.getByText('No egress or ingress.')).toBeInTheDocument();
  });
});
