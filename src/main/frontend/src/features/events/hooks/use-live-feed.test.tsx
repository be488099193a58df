import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeProvider } from '@/features/realtime/components/RealtimeProvider';
import { createRealtimeClient } from '@/features/realtime/stream/realtime-client';
import { fakeEventSources } from '@/test/fake-event-source';
import { messages } from '@/test/fixtures';
import { useLiveFeed } from './use-live-feed';

let renders = 0;

function Feed() {
  const { events } = useLiveFeed(50);
  return <p data-testid="feed">{events.length}</p>;
}

const countRender = () => {
  renders += 1;
};

function setup() {
  const sources = fakeEventSources();
  const queryClient = new QueryClient();
  const client = createRealtimeClient({ queryClient, connection: { createEventSource: sources.create } });
  render(
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={client}>
        <Profiler id="feed" onRender={countRender}>
          <Feed />
        </Profiler>
      </RealtimeProvider>
    </QueryClientProvider>,
  );
  act(() => sources.latest.open());
  return sources;
}

describe('useLiveFeed', () => {
  let frames: FrameRequestCallback[];
  const paintFrame = () => frames.splice(0).forEach((frame) => frame(0));

  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    renders = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('shows a lone event right after the next paint, without waiting for the burst window', () => {
    const sources = setup();
    act(() => sources.latest.send(messages.roomStarted()));
    // the frame showing the event elsewhere (the rooms list) goes first
    expect(screen.getByTestId('feed')).toHaveTextContent('0');
    act(() => {
      paintFrame();
      vi.advanceTimersByTime(0);
    });
    expect(screen.getByTestId('feed')).toHaveTextContent('1');
  });

  it('shows a lone event within 100 ms in a tab that gets no frames', () => {
    const sources = setup();
    act(() => sources.latest.send(messages.roomStarted()));
    act(() => vi.advanceTimersByTime(100));
    expect(screen.getByTestId('feed')).toHaveTextContent('1');
  });

  it('renders a burst a handful of times, and the last events are never left out', () => {
    const sources = setup();
    const before = renders;
    act(() => {
      for (let i = 0; i < 40; i++) sources.latest.send({ ...messages.participantJoined(), id: `run-${i + 1}` });
      paintFrame();
      vi.advanceTimersByTime(0);
    });
    expect(screen.getByTestId('feed')).toHaveTextContent('40');
    act(() => {
      for (let i = 40; i < 80; i++) sources.latest.send({ ...messages.participantJoined(), id: `run-${i + 1}` });
    });
    expect(screen.getByTestId('feed')).toHaveTextContent('40');
    act(() => vi.advanceTimersByTime(200));
    expect(screen.getByTestId('feed')).toHaveTextContent('50');
    expect(renders - before).toBeLessThanOrEqual(3);
  });
});
