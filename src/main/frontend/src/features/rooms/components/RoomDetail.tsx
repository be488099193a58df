import { Link } from 'react-router';
import { Badge } from '@/components/Badge';
import { EmptyState, ErrorState, LoadingState } from '@/components/feedback';
import { LiveDuration } from '@/components/LiveDuration';
import { MediaTables } from '@/components/MediaTables';
import { ApiError } from '@/lib/api-client';
import { formatCount, formatDateTime } from '@/lib/format';
import { paths } from '@/lib/paths';
import type { RoomDetail as Room } from '@/types/api';
import { useRoom } from '../api/use-rooms';
import { ParticipantList } from './ParticipantList';

/** Metadata is an opaque string; show JSON indented when it is JSON. */
function prettyMetadata(metadata: string): string {
  try {
    return JSON.stringify(JSON.parse(metadata), null, 2);
  } catch {
    return metadata;
  }
}

function RoomHeader({ room }: { room: Room }) {
  const participants = room.participants ?? [];
  const trackCount = participants.reduce((sum, p) => sum + (p.tracks?.length ?? 0), 0);
  return (
    <header className="page-header">
      <div className="page-header__title">
        <h1>{room.name}</h1>
        <Badge tone="ok">Live</Badge>
        {room.activeRecording && <Badge tone="rec">REC</Badge>}
      </div>
      <dl className="facts">
        <div>
          <dt>Running for</dt>
          <dd>
            <LiveDuration since={room.creationTime} />
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(room.creationTime)}</dd>
        </div>
        <div>
          <dt>Participants</dt>
          <dd className="tabular">{formatCount(room.numParticipants)}</dd>
        </div>
        <div>
          <dt>Publishers</dt>
          <dd className="tabular">{formatCount(room.numPublishers)}</dd>
        </div>
        <div>
          <dt>Tracks</dt>
          <dd className="tabular">{formatCount(trackCount)}</dd>
        </div>
        <div>
          <dt>Room SID</dt>
          <dd className="mono">
            <Link to={paths.session(room.sid)} title="This session's history">
              {room.sid}
            </Link>
          </dd>
        </div>
      </dl>
      {room.metadata && (
        <details className="metadata">
          <summary>Room metadata</summary>
          <pre>{prettyMetadata(room.metadata)}</pre>
        </details>
      )}
    </header>
  );
}

/** One active room, kept live by the realtime stream. */
export function RoomDetail({ name }: { name: string }) {
  const { data: room, error, isPending, isError, refetch } = useRoom(name);

  if (isPending) return <LoadingState label={`Loading room ${name}`} rows={5} />;
  if (isError) {
    if (error instanceof ApiError && error.isNotFound) {
      return (
        <EmptyState title={`“${name}” is not an active room`} icon="◌">
          It may have ended. <Link to={paths.sessions(name)}>See its past sessions</Link>.
        </EmptyState>
      );
    }
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }

  return (
    <div className="stack">
      <RoomHeader room={room} />
      <section className="section" aria-labelledby="participants-heading">
        <div className="section__header">
          <h2 id="participants-heading" className="section__title">
            Participants <span className="count">{room.participants?.length ?? 0}</span>
          </h2>
        </div>
        <ParticipantList participants={room.participants ?? []} />
      </section>
      <section className="section" aria-labelledby="media-heading">
        <div className="section__header">
          <h2 id="media-heading" className="section__title">
            Egress &amp; ingress
          </h2>
        </div>
        <MediaTables egress={room.egress ?? []} ingress={room.ingress ?? []} />
      </section>
    </div>
  );
}
