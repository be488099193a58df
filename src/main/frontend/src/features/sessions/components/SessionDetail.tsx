import { Link } from 'react-router';
import { Badge } from '@/components/Badge';
import { EmptyState, ErrorState, LoadingState } from '@/components/feedback';
import { MediaTables } from '@/components/MediaTables';
import { useNow } from '@/hooks/use-now';
import { ApiError } from '@/lib/api-client';
import { formatCount, formatDateTime, formatDuration } from '@/lib/format';
import { paths } from '@/lib/paths';
import { exportUrls } from '@/lib/query-keys';
import type { SessionDetail as Session } from '@/types/api';
import { useSession } from '../api/use-sessions';
import { EventLog } from './EventLog';
import { ExportLinks } from './ExportLinks';
import { ParticipantTimeline } from './ParticipantTimeline';
import { isPresumedEnded, PresumedEndBadge } from './PresumedEndBadge';

function SessionBody({ session }: { session: Session }) {
  const now = useNow();
  const live = session.endedAt === null;
  const end = session.endedAt ?? now;
  const participants = session.participants ?? [];
  const people = new Set(participants.map((p) => p.identity)).size;

  return (
    <div className="stack">
      <header className="page-header">
        <div className="page-header__title">
          <h1>{session.roomName}</h1>
          {live ? <Badge tone="ok">Live</Badge> : isPresumedEnded(session) ? <PresumedEndBadge /> : <Badge>Ended</Badge>}
          {live && (
            <Link to={paths.room(session.roomName)} className="small">
              Open live room →
            </Link>
          )}
        </div>
        <ExportLinks what="this session" href={(format) => exportUrls.session(session.sid, format)} />
        <dl className="facts">
          <div>
            <dt>Started</dt>
            <dd>{formatDateTime(session.startedAt)}</dd>
          </div>
          <div>
            <dt>Ended</dt>
            <dd>{live ? '—' : formatDateTime(end)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd className="tabular">{formatDuration(live || session.durationSeconds === undefined ? end - session.startedAt : session.durationSeconds * 1000)}</dd>
          </div>
          <div>
            <dt>Peak participants</dt>
            <dd className="tabular">{formatCount(session.peakParticipants)}</dd>
          </div>
          <div>
            <dt>Total participants</dt>
            <dd className="tabular">{formatCount(session.totalParticipants)}</dd>
          </div>
          <div>
            <dt>Session SID</dt>
            <dd className="mono">{session.sid}</dd>
          </div>
        </dl>
      </header>

      <section className="section" aria-labelledby="timeline-heading">
        <div className="section__header">
          <h2 id="timeline-heading" className="section__title">
            Participant timeline <span className="count">{people}</span>
          </h2>
        </div>
        {participants.length === 0 ? (
          <EmptyState title="Nobody joined this session" icon="◌" />
        ) : (
          <ParticipantTimeline participants={participants} startedAt={session.startedAt} endedAt={end} live={live} />
        )}
      </section>

      <section className="section" aria-labelledby="session-media-heading">
        <div className="section__header">
          <h2 id="session-media-heading" className="section__title">
            Egress &amp; ingress
          </h2>
        </div>
        <MediaTables egress={session.egress ?? []} ingress={session.ingress ?? []} />
      </section>

      <section className="section" aria-labelledby="log-heading">
        <div className="section__header">
          <h2 id="log-heading" className="section__title">
            Event log
          </h2>
        </div>
        <EventLog events={session.events ?? []} startedAt={session.startedAt} />
      </section>
    </div>
  );
}

/** One session in full: who was there when, and everything that happened. */
export function SessionDetail({ sid }: { sid: string }) {
  const { data, error, isPending, isError, refetch } = useSession(sid);
  if (isPending) return <LoadingState label="Loading session" rows={6} />;
  if (isError) {
    if (error instanceof ApiError && error.isNotFound) {
      return (
        <EmptyState title="No such session" icon="◌">
          <Link to={paths.sessions()}>Back to all sessions</Link>
        </EmptyState>
      );
    }
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  return <SessionBody session={data} />;
}
