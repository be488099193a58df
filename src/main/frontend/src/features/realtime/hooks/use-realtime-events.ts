import { useContext, useSyncExternalStore } from 'react';
import { RealtimeContext } from '../components/realtime-context';

/**
 * The live stream as components see it: connection state, when the last event
 * came, a way to reconnect after giving up, and a subscription to new events.
 * The EventSource itself is shared by the whole page (and by all tabs).
 */
export function useRealtimeEvents() {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('useRealtimeEvents needs a <RealtimeProvider> above it');
  const status = useSyncExternalStore(client.subscribeStatus, client.getStatus);
  return {
    state: status.state,
    lastEventAt: status.lastEventAt,
    reconnect: client.reconnect,
    subscribe: client.subscribeEvents,
    getRecentEvents: client.getRecentEvents,
  };
}
