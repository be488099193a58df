import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '@/test/render';
import type { WebhookHealth as Health } from '@/types/api';
import { WebhookHealth } from './WebhookHealth';

const now = Date.now();
const health: Health = {
  since: now - 60 * 60_000,
  byEvent: {
    room_started: { count: 120, lastReceivedAt: now - 5_000 },
    participant_joined: { count: 30, lastReceivedAt: now - 90_000 },
  },
  refused: { invalid_signature: 3, malformed_payload: 1, payload_too_large: 0, unsupported_media_type: 0, rate_limited: 2, not_configured: 0 },
  recentRefusals: [
    { at: now - 10_000, reason: 'invalid_signature', address: '10.0.0.7' },
    { at: now - 20_000, reason: 'rate_limited', address: '10.0.0.8' },
  ],
  duplicates: 4,
  numDropped: 7,
  corrections: [{ at: now - 30_000, room: 'town-hall', event: 'room_presumed_ended' }],
  lastReceivedAt: now - 5_000,
  liveRooms: 2,
  silent: false,
  silenceMinutes: 10,
};

afterEach(() => vi.unstubAllGlobals());

describe('WebhookHealth', () => {
  it('shows per event type the count, the rate and when it last came', async () => {
    mockFetch({ '/api/webhooks/health': health });
    renderWithProviders(<WebhookHealth />);
    const rows = await screen.findAllByTestId('event-row');
    expect(rows.map((r) => r.dataset.event)).toEqual(['participant_joined', 'room_started']);
    const started = within(rows[1]);
    expect(started.getByText('120')).toBeInTheDocument();
    expect(started.getByText('2.0')).toBeInTheDocument(); // 120 in an hour
    expect(started.getByText(/5s ago|5 s ago|seconds? ago/)).toBeInTheDocument();
  });

  it('shows refusals by reason and the recent ones with time, reason and address', async () => {
    mockFetch({ '/api/webhooks/health': health });
    renderWithProviders(<WebhookHealth />);
    const rows = await screen.findAllByTestId('refusal-row');
    expect(rows.map((r) => r.dataset.reason)).toEqual(['invalid_signature', 'rate_limited']);
    expect(within(rows[0]).getByText('10.0.0.7')).toBeInTheDocument();
    const signature = screen.getAllByTestId('refusal-count').find((el) => el.dataset.reason === 'invalid_signature')!;
    expect(signature).toHaveTextContent('3');
  });

  it('shows duplicates, numDropped and the corrections with their rooms', async () => {
    mockFetch({ '/api/webhooks/health': health });
    renderWithProviders(<WebhookHealth />);
    expect(await screen.findByTestId('health-duplicates')).toHaveTextContent('4');
    expect(screen.getByTestId('health-dropped')).toHaveTextContent('7');
    const correction = screen.getByTestId('correction-row');
    expect(within(correction).getByRole('link', { name: 'town-hall' })).toHaveAttribute('href', '/sessions?room=town-hall');
    expect(correction).toHaveTextContent('LiveKit never sent us this room_finished');
    expect(screen.queryByTestId('silence-warning')).toBeNull();
  });

  it('warns clearly when webhooks stopped although rooms are live', async () => {
    mockFetch({ '/api/webhooks/health': { ...health, silent: true, silenceMinutes: 12, liveRooms: 3 } });
    renderWithProviders(<WebhookHealth />);
    const warning = await screen.findByTestId('silence-warning');
    expect(warning).toHaveAttribute('role', 'alert');
    expect(warning).toHaveTextContent('No webhook for 12 minutes although 3 rooms are live');
    expect(warning).toHaveTextContent(/URL/);
  });

  it('says when nothing has arrived or been refused yet', async () => {
    mockFetch({ '/api/webhooks/health': { ...health, byEvent: {}, recentRefusals: [], corrections: [], lastReceivedAt: null } });
    renderWithProviders(<WebhookHealth />);
    expect(await screen.findByText('No webhook received yet')).toBeInTheDocument();
    expect(screen.getByText('No webhook was refused.')).toBeInTheDocument();
  });
});
