import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { mockFetch, renderWithProviders } from '@/test/render';
import type { RoomSummary } from '@/types/api';
import { ActiveRooms } from './ActiveRooms';

const now = Date.now();
const rooms: RoomSummary[] = [
  { sid: 'RM_2', name: 'town-hall', numParticipants: 120, numPublishers: 2, creationTime: now - 65_000, activeRecording: true },
  { sid: 'RM_1', name: 'daily-standup', numParticipants: 3, numPublishers: 2, creationTime: now - 3_725_000, activeRecording: false },
];

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('ActiveRooms', () => {
  it('shows a loading state, then one row per room, longest-running first', async () => {
    mockFetch({ '/api/rooms': rooms });
    renderWithProviders(<ActiveRooms />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading rooms');

    const rows = await screen.findAllByTestId('room-row');
    expect(rows.map((r) => r.dataset.room)).toEqual(['daily-standup', 'town-hall']);
    const townHall = within(rows[1]);
    expect(townHall.getByRole('link', { name: 'town-hall' })).toHaveAttribute('href', '/rooms/town-hall');
    expect(townHall.getByText('120')).toBeInTheDocument();
    expect(townHall.getByText('REC')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1h 02m')).toBeInTheDocument();
  });

  it('ticks durations every second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(now);
    mockFetch({ '/api/rooms': [{ ...rooms[0], creationTime: now - 5_000 }] });
    renderWithProviders(<ActiveRooms />);
    const row = await screen.findByTestId('room-row');
    expect(row).toHaveTextContent('5s');
    act(() => vi.advanceTimersByTime(3_000));
    expect(row).toHaveTextContent('8s');
  });

  it('re-renders when the realtime layer updates the cached list', async () => {
    mockFetch({ '/api/rooms': [rooms[0]] });
    const { queryClient } = renderWithProviders(<ActiveRooms />);
    await screen.findByTestId('room-row');
    act(() => queryClient.setQueryData(queryKeys.rooms.list().queryKey, rooms));
    // TanStack Query notifies observers on the next tick.
    await waitFor(() => expect(screen.getAllByTestId('room-row')).toHaveLength(2));
  });

  it('has a designed empty state', async () => {
    mockFetch({ '/api/rooms': [] });
    renderWithProviders(<ActiveRooms />);
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No active rooms');
  });

  it('shows the server’s error and retries on request', async () => {
    const fetchMock = mockFetch({ '/api/rooms': [503, { error: 'unavailable', message: 'Store is down' }] });
    renderWithProviders(<ActiveRooms />);
    const error = await screen.findByTestId('error-state');
    expect(error).toHaveTextContent('Store is down');

    mockFetch({ '/api/rooms': rooms });
    await userEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('room-row')).toHaveLength(2);
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('filters rooms by name', async () => {
    mockFetch({ '/api/rooms': rooms });
    renderWithProviders(<ActiveRooms />);
    await screen.findAllByTestId('room-row');
    await userEvent.type(screen.getByRole('searchbox', { name: /filter rooms/i }), 'town');
    expect(screen.getAllByTestId('room-row').map((r) => r.dataset.room)).toEqual(['town-hall']);
    await userEvent.type(screen.getByRole('searchbox', { name: /filter rooms/i }), 'zzz');
    expect(screen.getByTestId('empty-state')).toHaveTextContent('No active room matches');
  });
});
