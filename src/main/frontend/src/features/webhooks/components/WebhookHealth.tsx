import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '@/components/feedback';
import { useNow } from '@/hooks/use-now';
import { formatAgo, formatCount, formatDateTime, humanizeEnum } from '@/lib/format';
import { paths } from '@/lib/paths';
import type { RefusalReason, WebhookHealth as Health } from '@/types/api';
import { useWebhookHealth } from '../api/use-webhook-health';

const REFUSAL_REASONS: readonly { reason: RefusalReason; label: string; hint: string }[] = [
  { reason: 'invalid_signature', label: 'Invalid signature', hint: 'wrong API key or secret, or a tampered body' },
  { reason: 'malformed_payload', label: 'Malformed payload', hint: 'not a LiveKit WebhookEvent' },
  { reason: 'payload_too_large', label: 'Too large', hint: 'over the body size limit' },
  { reason: 'unsupported_media_type', label: 'Unsupported media type', hint: 'not application/webhook+json' },
  { reason: 'rate_limited', label: 'Rate limited', hint: 'over the per-address limit' },
  { reason: 'not_configured', label: 'Not configured', hint: 'the dashboard has no webhook keys' },
];

const CORRECTION_TEXT: Record<string, string> = {
  room_presumed_ended: 'LiveKit never sent us this room_finished: the room went quiet and was presumed ended',
};

/** Events per minute over the time the counts cover. */
function perMinute(count: number, since: number, now: number): string {
  const minutes = Math.max(1, (now - since) / 60_000);
  const rate = count / minutes;
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(rate >= 1 ? 1 : 2);
}

function SilenceWarning({ health }: { health: Health }) {
  if (!health.silent) return null;
  return (
    <div className="banner banner--warn" role="alert" data-testid="silence-warning">
      <strong>
        No webhook for {health.silenceMinutes} minutes although {health.liveRooms} {health.liveRooms === 1 ? 'room is' : 'rooms are'} live.
      </strong>{' '}
      Check LiveKit&apos;s webhook configuration: the URL it posts to, and that its API key and secret match this dashboard&apos;s.
    </div>
  );
}

function Received({ health, now }: { health: Health; now: number }) {
  const events = Object.entries(health.byEvent).sort(([a], [b]) => a.localeCompare(b));
  if (events.length === 0) return <EmptyState title="No webhook received yet" icon="∿" />;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col" className="num">
            Received
          </th>
          <th scope="col" className="num">
            Per minute
          </th>
          <th scope="col">Last received</th>
        </tr>
      </thead>
      <tbody>
        {events.map(([event, { count, lastReceivedAt }]) => (
          <tr key={event} data-testid="event-row" data-event={event}>
            <td className="mono">{event}</td>
            <td className="num tabular">{formatCount(count)}</td>
            <td className="num tabular">{perMinute(count, health.since, now)}</td>
            <td>
              <time dateTime={new Date(lastReceivedAt).toISOString()} title={formatDateTime(lastReceivedAt)}>
                {formatAgo(lastReceivedAt, now)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Refusals({ health, now }: { health: Health; now: number }) {
  return (
    <div className="stack">
      <dl className="facts">
        {REFUSAL_REASONS.map(({ reason, label, hint }) => (
          <div key={reason} data-testid="refusal-count" data-reason={reason}>
            <dt>{label}</dt>
            <dd className="tabular">{formatCount(health.refused[reason] ?? 0)}</dd>
            <dd className="facts__hint muted small">{hint}</dd>
          </div>
        ))}
      </dl>
      {health.recentRefusals.length === 0 ? (
        <p className="muted">No webhook was refused.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Recent refusals, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Reason</th>
              <th scope="col">From address</th>
            </tr>
          </thead>
          <tbody>
            {health.recentRefusals.map((refusal, i) => (
              <tr key={`${refusal.at}-${i}`} data-testid="refusal-row" data-reason={refusal.reason}>
                <td>
                  <time dateTime={new Date(refusal.at).toISOString()}>{formatDateTime(refusal.at)}</time>{' '}
                  <span className="muted small">({formatAgo(refusal.at, now)})</span>
                </td>
                <td>{humanizeEnum(refusal.reason)}</td>
                <td className="mono">{refusal.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Corrections({ health }: { health: Health }) {
  if (health.corrections.length === 0) return <p className="muted">Reconciliation has corrected nothing.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Room</th>
          <th scope="col">Correction</th>
        </tr>
      </thead>
      <tbody>
        {health.corrections.map((c, i) => (
          <tr key={`${c.at}-${i}`} data-testid="correction-row" data-room={c.room}>
            <td>{formatDateTime(c.at)}</td>
            <td>
              <Link to={paths.sessions(c.room)}>{c.room}</Link>
            </td>
            <td>{CORRECTION_TEXT[c.event] ?? humanizeEnum(c.event)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What LiveKit delivered, what was refused and why, and whether deliveries stopped. */
export function WebhookHealth() {
  const { data: health, error, isPending, isError, refetch } = useWebhookHealth();
  const now = useNow();

  let body;
  if (isPending) body = <LoadingState label="Loading webhook health" rows={5} />;
  else if (isError) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else
    body = (
      <>
        <SilenceWarning health={health} />
        <dl className="facts" data-testid="health-summary">
          <div>
            <dt>Last webhook</dt>
            <dd>{health.lastReceivedAt === null ? 'never' : formatAgo(health.lastReceivedAt, now)}</dd>
          </div>
          <div>
            <dt>Live rooms</dt>
            <dd className="tabular">{formatCount(health.liveRooms)}</dd>
          </div>
          <div data-testid="health-duplicates" data-value={health.duplicates}>
            <dt>Duplicates (LiveKit retries)</dt>
            <dd className="tabular">{formatCount(health.duplicates)}</dd>
          </div>
          <div data-testid="health-dropped" data-value={health.numDropped}>
            <dt>Dropped by LiveKit (numDropped)</dt>
            <dd className="tabular">{formatCount(health.numDropped)}</dd>
          </div>
          <div>
            <dt>Counting since</dt>
            <dd>{formatDateTime(health.since)}</dd>
          </div>
        </dl>
        <section className="section" aria-labelledby="received-heading">
          <h2 id="received-heading" className="section__title">
            Received, by event
          </h2>
          <Received health={health} now={now} />
        </section>
        <section className="section" aria-labelledby="refused-heading">
          <h2 id="refused-heading" className="section__title">
            Refused
          </h2>
          <Refusals health={health} now={now} />
        </section>
        <section className="section" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading" className="section__title">
            Corrections by reconciliation
          </h2>
          <Corrections health={health} />
        </section>
      </>
    );

  return (
    <div className="stack">
      <header className="page-header">
        <div className="page-header__title">
          <h1>Webhooks</h1>
        </div>
        <p className="muted">What LiveKit delivered to this dashboard, what was refused, and what reconciliation had to correct.</p>
      </header>
      {body}
    </div>
  );
}
