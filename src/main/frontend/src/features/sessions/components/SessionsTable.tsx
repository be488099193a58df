import { Link } from 'react-router';
import { Badge } from '@/components/Badge';
import { LiveDuration } from '@/components/LiveDuration';
import { formatCount, formatDateTime, formatDuration } from '@/lib/format';
import { paths } from '@/lib/paths';
import type { SessionSummary } from '@/types/api';
import type { SessionView, SortDirection, SortField } from '../hooks/use-session-filters';
import { isPresumedEnded, PresumedEndBadge } from './PresumedEndBadge';

const COLUMNS: readonly { field: SortField | null; label: string; numeric?: boolean }[] = [
  { field: 'room', label: 'Room' },
  { field: 'started', label: 'Started' },
  { field: null, label: 'Ended' },
  { field: 'duration', label: 'Duration', numeric: true },
  { field: 'peak', label: 'Peak', numeric: true },
  { field: null, label: 'Total', numeric: true },
];

function durationMs(s: SessionSummary, now: number): number {
  if (s.durationSeconds !== undefined && s.endedAt !== null) return s.durationSeconds * 1000;
  return (s.endedAt ?? now) - s.startedAt;
}

function sortSessions(sessions: SessionSummary[], field: SortField, dir: SortDirection, now = Date.now()): SessionSummary[] {
  const compare: Record<SortField, (a: SessionSummary, b: SessionSummary) => number> = {
    started: (a, b) => a.startedAt - b.startedAt,
    duration: (a, b) => durationMs(a, now) - durationMs(b, now),
    peak: (a, b) => (a.peakParticipants ?? 0) - (b.peakParticipants ?? 0),
    room: (a, b) => a.roomName.localeCompare(b.roomName),
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...sessions].sort((a, b) => sign * compare[field](a, b) || b.startedAt - a.startedAt);
}

interface SessionsTableProps {
  sessions: SessionSummary[];
  view: SessionView;
  onSort(field: SortField, dir: SortDirection): void;
}

export function SessionsTable({ sessions, view, onSort }: SessionsTableProps) {
  const rows = sortSessions(sessions, view.sort, view.dir);
  return (
    <table className="table table--cards">
      <thead>
        <tr>
          {COLUMNS.map(({ field, label, numeric }) => {
            const active = field === view.sort;
            return (
              <th key={label} scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                {field ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => onSort(field, active && view.dir === 'desc' ? 'asc' : 'desc')}
                  >
                    {label}
                    <span aria-hidden="true" className="sort-button__arrow">
                      {active ? (view.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.sid} data-testid="session-row" data-session={s.sid}>
            <td data-label="Room" className="cell-primary">
              <Link to={paths.session(s.sid)} className="row-link">
                {s.roomName}
              </Link>
              <div className="muted mono small">{s.sid}</div>
            </td>
            <td data-label="Started">{formatDateTime(s.startedAt)}</td>
            <td data-label="Ended">
              {s.endedAt === null ? <Badge tone="ok">Live</Badge> : formatDateTime(s.endedAt)}
              {isPresumedEnded(s) && (
                <>
                  {' '}
                  <PresumedEndBadge />
                </>
              )}
            </td>
            <td data-label="Duration" className="num tabular">
              {s.endedAt === null ? <LiveDuration since={s.startedAt} /> : formatDuration(durationMs(s, s.endedAt))}
            </td>
            <td data-label="Peak" className="num tabular">
              {formatCount(s.peakParticipants)}
            </td>
            <td data-label="Total" className="num tabular">
              {formatCount(s.totalParticipants)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
