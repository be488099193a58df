import { memo } from 'react';
import { Badge } from '@/components/Badge';
import { EmptyState } from '@/components/feedback';
import { LiveDuration } from '@/components/LiveDuration';
import { humanizeEnum } from '@/lib/format';
import { participantKind } from '@/lib/livekit';
import type { Participant } from '@/types/api';
import { TrackList } from './TrackList';

/** Memoised: the stream replaces only the participant an event names. */
const ParticipantRow = memo(function ParticipantRow({ participant: p }: { participant: Participant }) {
  const kind = participantKind(p.kind);
  const display = p.name || p.identity;
  return (
    <li className="participant" data-testid="participant-row" data-identity={p.identity}>
      <div className={`avatar avatar--${kind.tone}`} aria-hidden="true">
        {display.charAt(0).toUpperCase()}
      </div>
      <div className="participant__main">
        <div className="participant__title">
          <span className="participant__name">{display}</span>
          <Badge tone={kind.tone}>{kind.label}</Badge>
          {p.state && p.state !== 'ACTIVE' && <Badge tone="warn">{humanizeEnum(p.state)}</Badge>}
        </div>
        {p.name && <div className="muted small mono">{p.identity}</div>}
        <TrackList tracks={p.tracks ?? []} />
      </div>
      <div className="participant__side">
        {p.joinedAt !== undefined && (
          <>
            <span className="muted small">connected</span>
            <LiveDuration since={p.joinedAt} />
          </>
        )}
      </div>
    </li>
  );
});

/** Who is in the room now, how long each has been connected, and what they publish. */
export function ParticipantList({ participants }: { participants: Participant[] }) {
  if (participants.length === 0) {
    return (
      <EmptyState title="Nobody is in this room" icon="◌">
        The room stays open until its empty timeout runs out.
      </EmptyState>
    );
  }
  const sorted = [...participants].sort((a, b) => (a.joinedAt ?? 0) - (b.joinedAt ?? 0));
  return (
    <ul className="participant-list">
      {sorted.map((p) => (
        <ParticipantRow key={p.sid} participant={p} />
      ))}
    </ul>
  );
}
