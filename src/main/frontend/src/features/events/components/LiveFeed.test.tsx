import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { messages } from '@/test/fixtures';
import { renderWithProviders, stubRealtimeClient } from '@/test/render';
import { LiveFeed } from './LiveFeed';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveFeed', () => {
  it('waits with a hint that matches the connection state', () => {
    renderWithProviders(<LiveFeed />, { realtime: stubRealtimeClient({ state: 'disconnected' }).client });
    expect(screen.getByTestId('empty-state')).toHaveTextContent('No events yet');
    expect(screen.getByTestId('empty-state')).toHaveTextContent('stream is down');
  });

  it('shows events as they arrive, newest first: the first after the next paint, the rest of a burst batched', () => {
    const stub = stubRealtimeClient();
    renderWithProviders(<LiveFeed />, { realtime: stub.client });
    // no animation frames here (only timers are faked): the 100 ms bound of a tab without frames
    act(() => {
      stub.emit(messages.roomStarted());
      vi.advanceTimersByTime(100);
    });
    act(() => stub.emit(messages.participantJoined()));
    expect(screen.getAllByTestId('feed-item').map((i) => i.dataset.event)).toEqual(['room_started']);
    act(() => vi.advanceTimersByTime(200));

    const items = screen.getAllByTestId('feed-item');
    expect(items.map((i) => i.dataset.event)).toEqual(['participant_joined', 'room_started']);
    expect(items[0]).toHaveTextContent('Alice joined');
    expect(within(items[0]).getByRole('link', { name: 'daily-standup' })).toHaveAttribute('href', '/rooms/daily-standup');
  });

  it('keeps only the latest N', () => {
    const stub = stubRealtimeClient();
    renderWithProviders(<LiveFeed limit={5} />, { realtime: stub.client });
    act(() => {
      for (let i = 0; i < 20; i++) stub.emit(messages.trackPublished());
      vi.advanceTimersByTime(200);
    });
    expect(screen.getAllByTestId('feed-item')).toHaveLength(5);
  });

  it('starts with the events that came before it was shown', () => {
    const stub = stubRealtimeClient();
    stub.emit(messages.egressStarted());
    renderWithProviders(<LiveFeed />, { realtime: stub.client });
    expect(screen.getByTestId('feed-item')).toHaveTextContent('Egress EG_record00001 starting');
  });

  it('freezes while paused and catches up on resume', () => {
    const stub = stubRealtimeClient();
    renderWithProviders(<LiveFeed />, { realtime: stub.client });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => {
      stub.emit(messages.roomStarted());
      vi.advanceTimersByTime(500);
    });
    expect(screen.queryAllByTestId('feed-item')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(screen.getAllByTestId('feed-item')).toHaveLength(1);
  });

  it('is no live region: screen readers are not read every event', () => {
    const stub = stubRealtimeClient();
    const { container } = renderWithProviders(<LiveFeed />, { realtime: stub.client });
    act(() => {
      stub.emit(messages.participantJoined());
      vi.advanceTimersByTime(100);
    });
    expect(screen.getAllByTestId('feed-item')).toHaveLength(1);
    expect(container.querySelector('[aria-live]')).toBeNull();
  });
});
