import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { apiClient, buildUrl } from '@/lib/api-client';
import type {
  AppInfo,
  AuthMode,
  CurrentUser,
  Page,
  Participant,
  RoomDetail,
  RoomSummary,
  SessionDetail,
  SessionSummary,
  StatsOverview,
  WebhookHealth,
} from '@/types/api';

/*
 * The one place that knows query keys and the endpoint behind each. Keys are
 * hierarchical so prefixes invalidate whole families: `rooms.all` covers the
 * list and every detail, `rooms.detail(name)` also covers its participants.
 */

/** Relative time ranges are kept symbolic in the key and resolved at fetch time. */
export const SESSION_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 } as const;
export type SessionRange = keyof typeof SESSION_RANGES;

export interface SessionFilters {
  room?: string;
  range?: SessionRange;
  /** Absolute bounds (ms), used when no `range` is set. */
  from?: number;
  to?: number;
}

const SESSIONS_PAGE_SIZE = 25;

export type StatsWindow = '15m' | '1h' | '6h' | '24h';

function sessionBounds(filters: SessionFilters, now: number): { from?: number; to?: number } {
  if (filters.range) return { from: now - SESSION_RANGES[filters.range] };
  return { from: filters.from, to: filters.to };
}

const roomPath = (name: string) => `/api/rooms/${encodeURIComponent(name)}`;

export const queryKeys = {
  auth: {
    all: ['auth'] as const,
    /** Who is signed in: a 401 here is what shows the login page. */
    me: () =>
      queryOptions({
        queryKey: ['auth', 'me'] as const,
        queryFn: ({ signal }) => apiClient.get<CurrentUser>('/api/auth/me', { signal }),
        retry: false,
        staleTime: Infinity,
      }),
    mode: () =>
      queryOptions({
        queryKey: ['auth', 'mode'] as const,
        queryFn: ({ signal }) => apiClient.get<{ mode: AuthMode }>('/api/auth/mode', { signal }).then((answer) => answer.mode),
        staleTime: Infinity,
      }),
  },
  rooms: {
    all: ['rooms'] as const,
    list: () =>
      queryOptions({
        queryKey: ['rooms', 'list'] as const,
        queryFn: ({ signal }) => apiClient.get<RoomSummary[]>('/api/rooms', { signal }),
      }),
    detail: (name: string) =>
      queryOptions({
        queryKey: ['rooms', 'detail', name] as const,
        queryFn: ({ signal }) => apiClient.get<RoomDetail>(roomPath(name), { signal }),
      }),
    participants: (name: string) =>
      queryOptions({
        queryKey: ['rooms', 'detail', name, 'participants'] as const,
        queryFn: ({ signal }) => apiClient.get<Participant[]>(`${roomPath(name)}/participants`, { signal }),
      }),
  },
  sessions: {
    all: ['sessions'] as const,
    lists: ['sessions', 'list'] as const,
    list: (filters: SessionFilters) =>
      infiniteQueryOptions({
        queryKey: ['sessions', 'list', filters] as const,
        queryFn: ({ pageParam, signal }) =>
          apiClient.get<Page<SessionSummary>>('/api/sessions', {
            params: {
              room: filters.room,
              ...sessionBounds(filters, Date.now()),
              limit: SESSIONS_PAGE_SIZE,
              cursor: pageParam,
            },
            signal,
          }),
        initialPageParam: null as string | null,
        getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      }),
    detail: (sid: string) =>
      queryOptions({
        queryKey: ['sessions', 'detail', sid] as const,
        queryFn: ({ signal }) => apiClient.get<SessionDetail>(`/api/sessions/${encodeURIComponent(sid)}`, { signal }),
      }),
  },
  stats: {
    all: ['stats'] as const,
    overview: (window: StatsWindow) =>
      queryOptions({
        queryKey: ['stats', 'overview', window] as const,
        queryFn: ({ signal }) => apiClient.get<StatsOverview>('/api/stats/overview', { params: { window }, signal }),
      }),
  },
  webhooks: {
    all: ['webhooks'] as const,
    health: () =>
      queryOptions({
        queryKey: ['webhooks', 'health'] as const,
        queryFn: ({ signal }) => apiClient.get<WebhookHealth>('/api/webhooks/health', { signal }),
      }),
  },
  info: () =>
    queryOptions({
      queryKey: ['info'] as const,
      queryFn: ({ signal }) => apiClient.get<AppInfo>('/api/info', { signal }),
      // Planned endpoint: a missing one just means "no badge", so don't retry or refetch.
      retry: false,
      staleTime: Infinity,
    }),
};

export type ExportFormat = 'csv' | 'json';

/** Download links: the same endpoints with `format`, every page of the filter in one file. */
export const exportUrls = {
  sessions: (filters: SessionFilters, format: ExportFormat) =>
    buildUrl('/api/sessions', { room: filters.room, ...sessionBounds(filters, Date.now()), format }),
  session: (sid: string, format: ExportFormat) => buildUrl(`/api/sessions/${encodeURIComponent(sid)}`, { format }),
};
