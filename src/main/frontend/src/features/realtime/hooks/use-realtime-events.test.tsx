import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeEventSources } from '@/test/fake-event-source';
import { messages } from '@/test/fixtures';
import { RealtimeProvider } from '../components/RealtimeProvider';
import { createRealtimeClient } from '../stream/realtime-client';
import { useRealtimeEvents } from './use-realtime-events';

function Probe() {
  const { state, subscribe } = useRealtimeEvents();
  const [events, setEvents] = useState<string[]>([]);
  useEffect(() => subscribe((m) => setEvents((list) => [...list, m.event])), [subscribe]);
  return (
    <p data-testid="probe" data-state={state}>
      {events.join(',')}
    </p>
  );
}

function setup() {
  const sources = fakeEventSources();
  const queryClient = new QueryClient();
  const client = createRealtimeClient({ queryClient, connection: { createEventSource: sources.create } });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={client}>
        <Probe />
      </RealtimeProvider>
    </QueryClientProvider>,
  );
  return { sources, view };
}

describe('useRealtimeEvents', () => {
  it('opens one stream and reports its state and events', () => {
    const { sources } = setup();
    expect(sources.instances).toHaveLength(1);
    expect(screen.getByTestId('probe')).toHaveAttribute('data-state', 'connecting');

    act(() => sources.latest.open());
    expect(screen.getByTestId('probe')).toHaveAttribute('data-state', 'connected');

    act(() => {
      sources.latest.send(messages.roomStarted());
      sources.latest.send(messages.participantJoined());
    });
    expect(screen.getByTestId('probe')).toHaveTextContent('room_started,participant_joined');
  });

  it('closes the stream when the app unmounts', () => {
    const { sources, view } = setup();
    view.unmount();
    expect(sources.latest.closed).toBe(true);
  });

  it('refuses to work outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the render error
    expect(() => render(<Probe />)).toThrow(/RealtimeProvider/);
    vi.restoreAllMocks();
  });
});
