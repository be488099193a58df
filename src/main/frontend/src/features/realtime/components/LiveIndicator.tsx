import { useNow } from '@/hooks/use-now';
import { formatAgo, formatClock } from '@/lib/format';
import type { ConnectionState } from '../stream/event-stream-connection';
import { useRealtimeEvents } from '../hooks/use-realtime-events';

const DISPLAY: Record<ConnectionState, { state: string; label: string; hint: string }> = {
  connected: { state: 'live', label: 'Live', hint: 'Receiving live updates.' },
  connecting: { state: 'connecting', label: 'Connecting', hint: 'Opening the live stream…' },
  disconnected: {
    state: 'disconnected',
    label: 'Disconnected',
    hint: 'Live stream lost; retrying. Data refreshes every 30 s meanwhile.',
  },
  error: { state: 'error', label: 'Error', hint: 'Gave up reconnecting. Data refreshes every 30 s.' },
};

/** Header badge showing whether what the user sees is live. */
export function LiveIndicator() {
  const { state, lastEventAt, reconnect } = useRealtimeEvents();
  const now = useNow();
  const display = DISPLAY[state];
  const last = lastEventAt === null ? 'No events yet' : `Last event ${formatClock(lastEventAt)} (${formatAgo(lastEventAt, now)})`;

  return (
    <div className="live-indicator" data-testid="live-indicator" data-state={display.state} role="status" title={`${display.hint}\n${last}`}>
      <span className="live-indicator__dot" aria-hidden="true" />
      <span className="live-indicator__label">{display.label}</span>
      {state === 'error' && (
        <button type="button" className="live-indicator__retry" onClick={reconnect}>
          Reconnect
        </button>
      )}
    </div>
  );
}
