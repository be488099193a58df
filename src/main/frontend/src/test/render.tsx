import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { RealtimeContext } from '@/features/realtime/components/realtime-context';
import type { RealtimeClient, RealtimeStatus } from '@/features/realtime/stream/realtime-client';
import type { StreamMessage } from '@/types/api';

/** A realtime client whose state and events the test sets directly. */
export function stubRealtimeClient(initial: Partial<RealtimeStatus> = {}) {
  let status: RealtimeStatus = { state: 'connected', lastEventAt: null, ...initial };
  const statusListeners = new Set<() => void>();
  const eventListeners = new Set<(m: StreamMessage) => void>();
  const recent: StreamMessage[] = [];
  const client: RealtimeClient = {
    start: vi.fn(),
    stop: vi.fn(),
    reconnect: vi.fn(),
    getStatus: () => status,
    subscribeStatus: (l) => {
      statusListeners.add(l);
      return () => statusListeners.delete(l);
    },
    subscribeEvents: (l) => {
      eventListeners.add(l);
      return () => eventListeners.delete(l);
    },
    getRecentEvents: () => recent,
  };
  return {
    client,
    setStatus(next: Partial<RealtimeStatus>) {
      status = { ...status, ...next };
      statusListeners.forEach((l) => l());
    },
    emit(message: StreamMessage) {
      recent.push(message);
      eventListeners.forEach((l) => l(message));
    },
  };
}

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
}

interface Options {
  queryClient?: QueryClient;
  realtime?: RealtimeClient;
  route?: string;
}

export function renderWithProviders(ui: ReactElement, { queryClient = testQueryClient(), realtime = stubRealtimeClient().client, route = '/' }: Options = {}) {
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <RealtimeContext value={realtime}>
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </RealtimeContext>
      </QueryClientProvider>,
    ),
  };
}

/** Answers fetch() from a table of path → JSON body (or [status, body]). */
export function mockFetch(routes: Record<string, unknown | [number, unknown]>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    const key = Object.keys(routes).find((k) => k === url.pathname + url.search || k === url.pathname);
    if (key === undefined) return new Response(JSON.stringify({ error: 'not_found', message: `no route ${url.pathname}` }), { status: 404 });
    const value = routes[key];
    const [status, body] = Array.isArray(value) && typeof value[0] === 'number' && value.length === 2 ? (value as [number, unknown]) : [200, value];
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
