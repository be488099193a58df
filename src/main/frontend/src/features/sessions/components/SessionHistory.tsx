import { EmptyState, ErrorState, LoadingState } from '@/components/feedback';
import { exportUrls } from '@/lib/query-keys';
import { useSessions } from '../api/use-sessions';
import { toFilters, useSessionFilters } from '../hooks/use-session-filters';
import { ExportLinks } from './ExportLinks';
import { SessionFilterBar } from './SessionFilterBar';
import { SessionsTable } from './SessionsTable';

/** Past and current sessions: search, time range, sort, and "load more" over the server's cursor. */
export function SessionHistory() {
  const { view, update } = useSessionFilters();
  const filters = toFilters(view);
  const { data, error, isPending, isError, isPlaceholderData, refetch, fetchNextPage, hasNextPage, isFetchingNextPage } = useSessions(filters);
  const sessions = data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(view.room.trim()) || view.range !== 'all';

  let body;
  if (isPending) body = <LoadingState label="Loading sessions" rows={6} />;
  else if (isError && !data) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (sessions.length === 0)
    body = filtered ? (
      <EmptyState title="No sessions match these filters">Try a wider time range or another room name.</EmptyState>
    ) : (
      <EmptyState title="No sessions recorded yet" icon="◌">
        A session starts when LiveKit reports a room starting.
      </EmptyState>
    );
  else
    body = (
      <>
        <div className={isPlaceholderData ? 'is-stale' : undefined}>
          <SessionsTable sessions={sessions} view={view} onSort={(sort, dir) => update({ sort, dir })} />
        </div>
        <div className="list-footer">
          <span className="muted small">
            {sessions.length} session{sessions.length === 1 ? '' : 's'} loaded{hasNextPage ? '' : ', all shown'}
            {hasNextPage && (view.sort !== 'started' || view.dir !== 'desc') ? ' · sorting applies to loaded rows' : ''}
          </span>
          {hasNextPage && (
            <button type="button" className="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
              {isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
        {isError && <ErrorState error={error} onRetry={() => void refetch()} />}
      </>
    );

  return (
    <div className="stack">
      <header className="page-header">
        <div className="page-header__title">
          <h1>Sessions</h1>
        </div>
        <p className="muted">Every room session, newest first.</p>
        <ExportLinks what="the sessions of this filter" href={(format) => exportUrls.sessions(filters, format)} />
      </header>
      <SessionFilterBar view={view} update={update} />
      {body}
    </div>
  );
}
