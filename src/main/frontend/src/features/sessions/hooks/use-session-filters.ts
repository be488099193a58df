import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SESSION_RANGES, type SessionFilters, type SessionRange } from '@/lib/query-keys';

export type RangeChoice = SessionRange | 'all' | 'custom';
export type SortField = 'started' | 'duration' | 'peak' | 'room';
export type SortDirection = 'asc' | 'desc';

export interface SessionView {
  room: string;
  range: RangeChoice;
  /** `datetime-local` values (local time), used with range `custom`. */
  from: string;
  to: string;
  sort: SortField;
  dir: SortDirection;
}

const SORT_FIELDS: readonly SortField[] = ['started', 'duration', 'peak', 'room'];

/** Values left out of the URL, to keep links short. */
const DEFAULTS: Partial<SessionView> = { range: 'all', sort: 'started', dir: 'desc' };

function parseRange(value: string | null): RangeChoice {
  if (value === 'custom' || (value !== null && value in SESSION_RANGES)) return value as RangeChoice;
  return 'all';
}

function localToMs(value: string): number | undefined {
  const ms = value ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** What the server filters on; sorting is applied to the loaded rows. */
export function toFilters(view: SessionView): SessionFilters {
  const room = view.room.trim() || undefined;
  if (view.range === 'all') return { room };
  if (view.range === 'custom') return { room, from: localToMs(view.from), to: localToMs(view.to) };
  return { room, range: view.range };
}

/** The sessions view lives in the URL, so a filtered, sorted list can be shared or bookmarked. */
export function useSessionFilters() {
  const [params, setParams] = useSearchParams();

  const view = useMemo<SessionView>(
    () => ({
      room: params.get('room') ?? '',
      range: parseRange(params.get('range')),
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      sort: SORT_FIELDS.includes(params.get('sort') as SortField) ? (params.get('sort') as SortField) : 'started',
      dir: params.get('dir') === 'asc' ? 'asc' : 'desc',
    }),
    [params],
  );

  const update = useCallback(
    (patch: Partial<SessionView>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value && DEFAULTS[key as keyof SessionView] !== value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { view, update };
}
