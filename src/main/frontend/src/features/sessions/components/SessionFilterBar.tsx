import { useEffect, useState } from 'react';
import { SegmentedControl } from '@/components/SegmentedControl';
import type { RangeChoice, SessionView } from '../hooks/use-session-filters';

const RANGES: readonly { value: RangeChoice; label: string }[] = [
  { value: '1h', label: '1h' },
  { value: '24h', label: '24h' },
  { value: '7d', label: '7d' },
  { value: '30d', label: '30d' },
  { value: 'all', label: 'All' },
  { value: 'custom', label: 'Custom' },
];

const SEARCH_DEBOUNCE_MS = 300;

interface SessionFilterBarProps {
  view: SessionView;
  update(patch: Partial<SessionView>): void;
}

export function SessionFilterBar({ view, update }: SessionFilterBarProps) {
  const [room, setRoom] = useState(view.room);
  // Follow outside changes (back button, a link with ?room=), adjusting during render rather than in an effect.
  const [followedRoom, setFollowedRoom] = useState(view.room);
  if (followedRoom !== view.room) {
    setFollowedRoom(view.room);
    setRoom(view.room);
  }

  // One request per pause in typing, not per keystroke.
  useEffect(() => {
    if (room === view.room) return;
    const timer = setTimeout(() => update({ room }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [room, view.room, update]);

  return (
    <div className="filter-bar" role="search">
      <input
        type="search"
        className="input"
        placeholder="Search by room name"
        aria-label="Room name"
        value={room}
        onChange={(e) => setRoom(e.target.value)}
      />
      <SegmentedControl
        label="Time range"
        options={RANGES}
        value={view.range}
        onChange={(range) => update({ range })}
      />
      {view.range === 'custom' && (
        <div className="filter-bar__custom">
          <label>
            <span className="small muted">From</span>
            <input type="datetime-local" className="input" value={view.from} max={view.to || undefined} onChange={(e) => update({ from: e.target.value })} />
          </label>
          <label>
            <span className="small muted">To</span>
            <input type="datetime-local" className="input" value={view.to} min={view.from || undefined} onChange={(e) => update({ to: e.target.value })} />
          </label>
        </div>
      )}
    </div>
  );
}
