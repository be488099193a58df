import { formatClock, formatDuration, formatOffset, humanizeEnum } from '@/lib/format';
import { participantKind } from '@/lib/livekit';
import type { SessionParticipant } from '@/types/api';

interface TimelineRow {
  identity: string;
  label: string;
  kind: ReturnType<typeof participantKind>;
  stays: SessionParticipant[];
}

/** One row per identity (a rejoin adds a bar to the same row), in order of first arrival. */
function toRows(participants: SessionParticipant[]): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const p of [...participants].sort((a, b) => a.joinedAt - b.joinedAt)) {
    const row = rows.get(p.identity);
    if (row) row.stays.push(p);
    else rows.set(p.identity, { identity: p.identity, label: p.name || p.identity, kind: participantKind(p.kind), stays: [p] });
  }
  return [...rows.values()];
}

const TICKS = 4;

interface ParticipantTimelineProps {
  participants: SessionParticipant[];
  startedAt: number;
  /** The session's end, or now while it is live. */
  endedAt: number;
  live: boolean;
}

/** Who was in the session when: horizontal bars on a shared time axis. */
export function ParticipantTimeline({ participants, startedAt, endedAt, live }: ParticipantTimelineProps) {
  const span = Math.max(1000, endedAt - startedAt);
  const percent = (ms: number) => Math.min(100, Math.max(0, ((ms - startedAt) / span) * 100));
  const rows = toRows(participants);

  return (
    <div className="timeline" role="list" aria-label="Participant timeline">
      <div className="timeline__axis" aria-hidden="true">
        {Array.from({ length: TICKS + 1 }, (_, i) => {
          const at = startedAt + (span * i) / TICKS;
          return (
            <span key={i} className="timeline__tick" style={{ left: `${(i / TICKS) * 100}%` }}>
              {i === 0 ? formatClock(at) : formatOffset(at - startedAt)}
            </span>
          );
        })}
      </div>
      {rows.map((row) => (
        <div key={row.identity} className="timeline__row" role="listitem" data-testid="timeline-row" data-identity={row.identity}>
          <div className="timeline__label" title={row.identity}>
            <span className={`dot dot--${row.kind.tone}`} aria-hidden="true" />
            <span className="truncate">{row.label}</span>
          </div>
          <div className="timeline__track">
            {row.stays.map((stay) => {
              const open = stay.leftAt === null || stay.leftAt === undefined;
              const end = open ? endedAt : (stay.leftAt as number);
              const description = [
                `${row.label} (${row.kind.label})`,
                `joined ${formatClock(stay.joinedAt)}`,
                open ? (live ? 'still connected' : 'no leave recorded') : `left ${formatClock(end)}`,
                formatDuration(end - stay.joinedAt),
                stay.disconnectReason && humanizeEnum(stay.disconnectReason),
              ]
                .filter(Boolean)
                .join(' · ');
              return (
                <div
                  key={`${stay.sid}-${stay.joinedAt}`}
                  className={`timeline__bar timeline__bar--${row.kind.tone}${open && live ? ' timeline__bar--open' : ''}`}
                  style={{ left: `${percent(stay.joinedAt)}%`, width: `${percent(end) - percent(stay.joinedAt)}%` }}
                  role="img"
                  title={description}
                  aria-label={description}
                />
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
