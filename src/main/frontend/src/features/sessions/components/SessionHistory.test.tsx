import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '@/test/render';
import type { SessionSummary } from '@/types/api';
import { SessionHistory } from './SessionHistory';

const t0 = Date.UTC(2026, 0, 1, 9);
const session = (sid: string, roomName: string, startedAt: number, durationSeconds: number, peak: number): SessionSummary => ({
  sid,
  roomName,
  startedAt,
  endedAt: startedAt + durationSeconds * 1000,
  durationSeconds,
  peakParticipants: peak,
  totalParticipants: peak + 1,
});

const page1 = {
  items: [
    { sid: 'RM_live', roomName: 'town-hall', startedAt: t0 + 7_200_000, endedAt: null, peakParticipants: 40, totalParticipants: 55 },
    session('RM_b', 'daily-standup', t0 + 3_600_000, 900, 5),
  ],
  nextCursor: 'cursor-2',
};
const page2 = { items: [session('RM_a', 'all-hands', t0, 3600, 80)], nextCursor: null };

afterEach(() => {
  vi.unstubAllGlobals();
});

const sids = () => screen.getAllByTestId('session-row').map((r) => r.dataset.session);

describe('SessionHistory', () => {
  it('lists sessions newest first and loads more by cursor', async () => {
    const fetchMock = mockFetch({ '/api/sessions?limit=25': page1, '/api/sessions?limit=25&cursor=cursor-2': page2 });
    renderWithProviders(<SessionHistory />, { route: '/sessions' });

    await screen.findAllByTestId('session-row');
    expect(sids()).toEqual(['RM_live', 'RM_b']);
    expect(within(screen.getAllByTestId('session-row')[0]).getByText('Live')).toBeInTheDocument();
    expect(within(screen.getAllByTestId('session-row')[1]).getByText('15m 00s')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(sids()).toEqual(['RM_live', 'RM_b', 'RM_a']));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText(/3 sessions loaded, all shown/)).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('marks a session whose end was presumed', async () => {
    const presumed = { ...session('RM_p', 'quiet-room', t0, 600, 2), endedBy: 'presumed_ended' };
    mockFetch({ '/api/sessions?limit=25': { items: [presumed, session('RM_a', 'all-hands', t0 - 3_600_000, 600, 2)], nextCursor: null } });
    renderWithProviders(<SessionHistory />, { route: '/sessions' });
    const rows = await screen.findAllByTestId('session-row');
    expect(within(rows[0]).getByText('presumed ended')).toBeInTheDocument();
    expect(within(rows[1]).queryByText('presumed ended')).toBeNull();
  });

  it('searches by room name once typing pauses', async () => {
    const fetchMock = mockFetch({ '/api/sessions?limit=25': page1, '/api/sessions?room=all-hands&limit=25': page2 });
    renderWithProviders(<SessionHistory />, { route: '/sessions' });
    await screen.findAllByTestId('session-row');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Room name' }), 'all-hands');
    await waitFor(() => expect(sids()).toEqual(['RM_a']));
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/sessions?limit=25', '/api/sessions?room=all-hands&limit=25']);
  });

  it('reads filters from the URL and sends the time range', async () => {
    const fetchMock = mockFetch({ '/api/sessions': { items: [], nextCursor: null } });
    renderWithProviders(<SessionHistory />, { route: '/sessions?room=standup&range=7d' });
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No sessions match these filters');
    const url = new URL(String(fetchMock.mock.calls[0][0]), 'http://x');
    expect(url.searchParams.get('room')).toBe('standup');
    expect(Number(url.searchParams.get('from'))).toBeGreaterThan(Date.now() - 8 * 86_400_000);
    expect(screen.getByRole('button', { name: '7d' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('sorts loaded rows by a column', async () => {
    mockFetch({ '/api/sessions?limit=25': { items: [...page1.items, ...page2.items], nextCursor: null } });
    renderWithProviders(<SessionHistory />, { route: '/sessions' });
    await screen.findAllByTestId('session-row');
    await userEvent.click(screen.getByRole('button', { name: /Peak/ }));
    expect(sids()).toEqual(['RM_a', 'RM_live', 'RM_b']);
    await userEvent.click(screen.getByRole('button', { name: /Peak/ }));
    expect(sids()).toEqual(['RM_b', 'RM_live', 'RM_a']);
    await userEvent.click(screen.getByRole('button', { name: /Room/ }));
    expect(sids()).toEqual(['RM_live', 'RM_b', 'RM_a']);
  });

  it('has an empty state for a fresh install and an error state', async () => {
    mockFetch({ '/api/sessions?limit=25': { items: [], nextCursor: null } });
    const first = renderWithProviders(<SessionHistory />, { route: '/sessions' });
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No sessions recorded yet');
    first.unmount();

    mockFetch({ '/api/sessions?limit=25': [500, { error: 'internal', message: 'Database locked' }] });
    renderWithProviders(<SessionHistory />, { route: '/sessions' });
    expect(await screen.findByTestId('error-state')).toHaveTextContent('Database locked');
  });

  it('offers CSV and JSON downloads of every session of the current filter', async () => {
    mockFetch({ '/api/sessions?room=all-hands&limit=25': page2 });
    renderWithProviders(<SessionHistory />, { route: '/sessions?room=all-hands' });
    const csv = await screen.findByRole('link', { name: 'Download CSV' });
    expect(csv).toHaveAttribute('href', '/api/sessions?room=all-hands&format=csv');
    expect(screen.getByRole('link', { name: 'Download JSON' })).toHaveAttribute('href', '/api/sessions?room=all-hands&format=json');
  });
});
