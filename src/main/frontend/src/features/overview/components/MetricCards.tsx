import { useDeferredValue, useMemo, useState } from 'react';
import { ErrorState } from '@/components/feedback';
import { SegmentedControl } from '@/components/SegmentedControl';
import { Sparkline } from '@/components/Sparkline';
import { formatCount } from '@/lib/format';
import type { StatsWindow } from '@/lib/query-keys';
import type { StatsOverview } from '@/types/api';
import { seriesOf, totalsOf, useStatsOverview, type Metric } from '../api/use-stats-overview';

const WINDOWS: readonly { value: StatsWindow; label: string }[] = [
  { value: '15m', label: '15m' },
  { value: '1h', label: '1h' },
  { value: '6h', label: '6h' },
  { value: '24h', label: '24h' },
];

const METRICS: readonly { metric: Metric; label: string; colorVar: string }[] = [
  { metric: 'activeRooms', label: 'Active rooms', colorVar: '--chart-rooms' },
  { metric: 'participants', label: 'Participants', colorVar: '--chart-participants' },
  { metric: 'publishers', label: 'Publishers', colorVar: '--chart-publishers' },
  { metric: 'recordings', label: 'Recordings', colorVar: '--chart-recordings' },
];

function MetricCard({ stats, metric, label, colorVar, window }: { stats?: StatsOverview; metric: Metric; label: string; colorVar: string; window: StatsWindow }) {
  const series = useMemo(() => (stats ? seriesOf(stats, metric) : null), [stats, metric]);
  const value = stats ? totalsOf(stats)[metric] : undefined;
  return (
    <article className="metric-card" data-testid="metric-card" data-metric={metric}>
      <h3 className="metric-card__label">{label}</h3>
      <p className={`metric-card__value tabular${stats ? '' : ' is-loading'}`}>{stats ? formatCount(value) : ' '}</p>
      {series && series.values.length > 1 ? (
        <Sparkline times={series.times} values={series.values} colorVar={colorVar} label={`${label}, last ${window}`} />
      ) : (
        <div className="sparkline sparkline--empty" aria-hidden="true" />
      )}
    </article>
  );
}

/** Headline numbers with their recent history. */
export function MetricCards() {
  const [window, setWindow] = useState<StatsWindow>('1h');
  const { data: latest, error, refetch, isError } = useStatsOverview(window);
  // A refetch re-renders the cards and charts at low priority: a stream update to the rooms list below goes first.
  const data = useDeferredValue(latest);

  return (
    <section className="section" aria-labelledby="metrics-heading">
      <div className="section__header">
        <h2 id="metrics-heading" className="section__title">
          Right now
        </h2>
        <SegmentedControl label="Chart window" options={WINDOWS} value={window} onChange={setWindow} />
      </div>
      {isError && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <div className="metric-grid">
          {METRICS.map((m) => (
            <MetricCard key={m.metric} stats={data} window={window} {...m} />
          ))}
        </div>
      )}
    </section>
  );
}
