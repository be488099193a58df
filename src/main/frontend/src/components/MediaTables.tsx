import { Badge } from '@/components/Badge';
import { formatDateTime, humanizeEnum } from '@/lib/format';
import type { Egress, Ingress } from '@/types/api';

function statusTone(status: string | undefined): string {
  if (!status) return 'neutral';
  if (/FAILED|ERROR|ABORTED|LIMIT/.test(status)) return 'danger';
  if (/ACTIVE|PUBLISHING|STARTING|BUFFERING/.test(status)) return 'ok';
  return 'neutral';
}

const when = (ms: number | null | undefined) => (ms ? formatDateTime(ms) : '—');

/** Egress (recordings, streams out) and ingress (streams in) of a room or session. */
export function MediaTables({ egress, ingress }: { egress: Egress[]; ingress: Ingress[] }) {
  if (egress.length === 0 && ingress.length === 0) return <p className="muted">No egress or ingress.</p>;
  return (
    <div className="media-tables">
      {egress.length > 0 && (
        <table className="table table--cards">
          <caption>Egress</caption>
          <thead>
            <tr>
              <th scope="col">Egress</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          <tbody>
            {egress.map((e) => (
              <tr key={e.egressId} data-testid="egress-row">
                <td data-label="Egress" className="mono">
                  {e.egressId}
                </td>
                <td data-label="Status">
                  <Badge tone={statusTone(e.status)} title={e.error}>
                    {humanizeEnum(e.status ?? 'EGRESS_STARTING', 'EGRESS_')}
                  </Badge>
                </td>
                <td data-label="Started">{when(e.startedAt)}</td>
                <td data-label="Ended">{when(e.endedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ingress.length > 0 && (
        <table className="table table--cards">
          <caption>Ingress</caption>
          <thead>
            <tr>
              <th scope="col">Ingress</th>
              <th scope="col">Publishes as</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {ingress.map((i) => (
              <tr key={i.ingressId} data-testid="ingress-row">
                <td data-label="Ingress">
                  {i.name || i.ingressId}
                  {i.name && <div className="muted small mono">{i.ingressId}</div>}
                </td>
                <td data-label="Publishes as" className="mono">
                  {i.participantIdentity ?? '—'}
                </td>
                <td data-label="Status">
                  <Badge tone={statusTone(i.status)}>{humanizeEnum(i.status ?? 'ENDPOINT_INACTIVE', 'ENDPOINT_')}</Badge>
                </td>
                <td data-label="Started">{when(i.startedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
