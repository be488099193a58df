import { useEffect, useState } from 'react';
import { useRealtimeEvents } from '@/features/realtime/hooks/use-realtime-events';
import type { StreamMessage } from '@/types/api';

/** Bursts re-render the feed at most this often. */
const RENDER_INTERVAL_MS = 200;

/** The latest `limit` LiveKit events, newest first; pausing freezes the list, resuming catches up. */
export function useLiveFeed(limit: number) {
  const { subscribe, getRecentEvents } = useRealtimeEvents();
  const [paused, setPaused] = useState(false);
  const [events, setEvents] = useState<StreamMessage[]>(() => latest(getRecentEvents(), limit));

  useEffect(() => {
    if (paused) return;
    setEvents(latest(getRecentEvents(), limit));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setEvents(latest(getRecentEvents(), limit));
      }, RENDER_INTERVAL_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [paused, limit, subscribe, getRecentEvents]);

  return { events, paused, setPaused };
}

function latest(events: readonly StreamMessage[], limit: number): StreamMessage[] {
  return events.slice(-limit).reverse();
}
