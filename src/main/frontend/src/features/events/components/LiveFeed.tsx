import { memo } from 'react';
import { Link } from 'react-router';
import { Badge } from '@/components/Badge';
import { EmptyState } from '@/components/feedback';
import { useRealtimeEvents } from '@/features/realtime/hooks/use-realtime-events';
import { formatClock } from '@/lib/format';
import { eventCategory } from '@/lib/livekit';
import { paths } from '@/lib/paths';
import type { StreamMessage } from '@/types/api';
import { useLiveFeed } from '../hooks/use-live-feed';
import { describeEvent } from './describe-event';

const WAITING_HINT = {
  connected: 'Connected. Events appear here as LiveKit sends them.',
  connecting: 'Connecting to the live stream…',
  disconnected: 'The live stream is down; events will show again once it is back.',
  error: 'The live stream could not be reached. Use Reconnect in the header.',
} as const;

/** One event. Memoised: a new event renders one item, not the whole list again. */
const FeedItem = memo(function FeedItem({ message }: { message: StreamMessage }) {
  const { text, room } = describeEvent(message);
  return (
    <li className="feed-item" data-testid="feed-item" data-event={message.event}>
      <time className="feed-item__time tabular" dateTime={new Date(message.timestamp).toISOString()}>
        {formatClock(message.timestamp)}
      </time>
      <Badge tone={`event-${eventCategory(message.event)}`}>{message.event}</Badge>
      <span className="feed-item__text">{text}</span>
      {room && (
        <Link className="feed-item__room truncate" to={paths.room(room)}>
          {room}
        </Link>
      )}
    </li>
  );
});

/** The latest LiveKit events as they arrive. */
export function LiveFeed({ limit = 50 }: { limit?: number }) {
  const { state } = useRealtimeEvents();
  const { events, paused, setPaused } = useLiveFeed(limit);

  return (
    <section className="feed" aria-labelledby="feed-heading">
      <div className="feed__header">
        <h2 id="feed-heading" className="section__title">
          Live events
        </h2>
        <button type="button" className="button button--small" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
      {events.length === 0 ? (
        <EmptyState title="No events yet" icon="∿">
          {WAITING_HINT[state]}
        </EmptyState>
      ) : (
        // Not a live region: a busy room would read out every join and track to a screen reader user.
        <ol className="feed__list">
          {events.map((message, i) => (
            <FeedItem key={message.id ?? `${message.timestamp}-${i}`} message={message} />
          ))}
        </ol>
      )}
    </section>
  );
}
