import { useState } from 'react';
import { Badge } from '@/components/Badge';
import { formatClock, formatOffset } from '@/lib/format';
import { eventCategory, type EventCategory } from '@/lib/livekit';
import type { SessionEvent } from '@/types/api';

const FIRST_PAGE = 200;

const CATEGORY_FILTERS: readonly { value: EventCategory | 'all'; label: string }[] = [
  { value: 'all', label: 'All events' },
  { value: 'room', label: 'Room' },
  { value: 'participant', label: 'Participants' },
  { value: 'track', label: 'Tracks' },
  { value: 'egress', label: 'Egress' },
  { value: 'ingress', label: 'Ingress' },
  { value: 'agent', label: 'Agents' },
];

/** A session's events in order, filterable by kind; long logs render in steps. */
export function EventLog({ events, startedAt }: { events: SessionEvent[]; startedAt: number }) {
  const [category, setCategory] = useState<EventCategory | 'all'>('all');
  const [limit, setLimit] = useState(FIRST_PAGE);
  const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
  const shown = category === 'all' ? sorted : sorted.filter((e) => eventCategory(e.event) === category);

  return (
    <div className="event-log">
      <div className="event-log__controls">
        <select className="input input--compact" aria-label="Show events of kind" value={category} onChange={(e) => setCategory(e.target.value as EventCategory | 'all')}>
          {CATEGORY_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <span className="muted small">
          {shown.length} of {events.length}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No events of this kind.</p>
      ) : (
        <ol className="event-log__list">
          {shown.slice(0, limit).map((e, i) => (
            <li key={e.id ?? `${e.timestamp}-${i}`} className="event-log__item" data-testid="session-event">
              <time className="event-log__time tabular" dateTime={new Date(e.timestamp).toISOString()} title={formatClock(e.timestamp)}>
                {formatOffset(e.timestamp - startedAt)}
              </time>
              <Badge tone={`event-${eventCategory(e.event)}`}>{e.event}</Badge>
              <span className="event-log__who truncate">{e.participantIdentity ?? ''}</span>
              <span className="event-log__detail muted truncate">{[e.trackSid, e.detail].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ol>
      )}
      {shown.length > limit && (
        <button type="button" className="button" onClick={() => setLimit((n) => n + FIRST_PAGE * 5)}>
          Show more ({shown.length - limit} left)
        </button>
      )}
    </div>
  );
}
