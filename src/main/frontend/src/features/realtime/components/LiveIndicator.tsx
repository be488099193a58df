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
  error: { state: 'error', label: 'Error', hint: 'Live stream unreachable; retrying every 30 s. Data refreshes every 30 s meanwhile.' },
};

/** When the last event came, ticking on its own so the rest of the header does not re-render every second. */
function LastEvent({ at }: { at: number | null }) {
  const now = useNow();
  return <span className="live-indicator__last">{at === null ? 'No events yet' : `Last event ${formatClock(at)} (${formatAgo(at, now)})`}</span>;
}

/**
 * Header badge showing whether what the user sees is live. Only the state is a
 * live region (announced when it changes); the explanation and the ticking
 * last-event time are plain text beside it, visible without hovering.
 */
export function LiveIndicator() {
  const { state, lastEventAt, reconnect } = useRealtimeEvents();
  const display = DISPLAY[state];

  return (
    <div className="live-indicator" data-testid="live-indicator" data-state={display.state}>
      <span className="live-indicator__dot" aria-hidden="true" />
      <span className="live-indicator__label" role="status">
        {display.label}
      </span>
      <span className="live-indicator__detail small muted">
        <span className="live-indicator__hint">{display.hint}</span> <LastEvent at={lastEventAt} />
      </span>
      {state === 'error' && (
        <button type="button" className="live-indicator__retry" onClick={reconnect}>
          Reconnect
        </button>
      )}
    </div>
  );
}
