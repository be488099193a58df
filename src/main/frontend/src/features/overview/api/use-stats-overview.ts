import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys, type StatsWindow } from '@/lib/query-keys';
import type { StatsOverview, StatsPoint, StatsTotals } from '@/types/api';

export function useStatsOverview(window: StatsWindow) {
  // Switching windows keeps the old charts up until the new ones arrive.
  return useQuery({ ...queryKeys.stats.overview(window), placeholderData: keepPreviousData });
}

export type Metric = keyof StatsTotals;

/** Current totals: under `current`, or at the top level. */
export function totalsOf(stats: StatsOverview): StatsTotals {
  return stats.current ?? stats;
}

/** One metric's series as parallel arrays; points lacking the metric are skipped. */
export function seriesOf(stats: StatsOverview, metric: Metric): { times: number[]; values: number[] } {
  const points = (stats.series ?? []).filter((p): p is StatsPoint & Required<Pick<StatsPoint, Metric>> => typeof p[metric] === 'number');
  return { times: points.map((p) => p.t), values: points.map((p) => p[metric]) };
}
