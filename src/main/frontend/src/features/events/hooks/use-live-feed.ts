import { useCallback, useEffect, useState } from 'react';
import { useRealtimeEvents } from '@/features/realtime/hooks/use-realtime-events';
import { afterNextPaint } from '@/lib/after-paint';
import type { StreamMessage } from '@/types/api';

/**
 * Bursts re-render the feed at most this often; a lone event renders right after the next paint,
 * so the frame showing the event in the rooms list or the room view does not wait for the feed.
 */
const RENDER_INTERVAL_MS = 200;

/** The latest `limit` LiveKit events, newest first; pausing freezes the list, resuming catches up. */
export function useLiveFeed(limit: number) {
  const { subscribe, getRecentEvents } = useRealtimeEvents();
  const [paused, setPausedState] = useState(false);
  const [events, setEvents] = useState<StreamMessage[]>(() => latest(getRecentEvents(), limit));

  const setPaused = useCallback(
    (next: boolean) => {
      // Resuming catches up at once with what came while paused.
      if (!next) setEvents(latest(getRecentEvents(), limit));
      setPausedState(next);
    },
    [getRecentEvents, limit],
  );

  useEffect(() => {
    if (paused) return;
    let cancel: (() => void) | undefined;
    let renderedAt = 0;
    const render = () => {
      cancel = undefined;
      renderedAt = Date.now();
      setEvents(latest(getRecentEvents(), limit));
    };
    const unsubscribe = subscribe(() => {
      if (cancel !== undefined) return;
      const wait = renderedAt + RENDER_INTERVAL_MS - Date.now();
      if (wait <= 0) {
        cancel = afterNextPaint(render);
      } else {
        const timer = setTimeout(render, wait);
        cancel = () => clearTimeout(timer);
      }
    });
    return () => {
      unsubscribe();
      cancel?.();
    };
  }, [paused, limit, subscribe, getRecentEvents]);

  return { events, paused, setPaused };
}

function latest(events: readonly StreamMessage[], limit: number): StreamMessage[] {
  return events.slice(-limit).reverse();
}
