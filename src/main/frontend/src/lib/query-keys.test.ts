import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '@/test/render';
import { queryKeys } from './query-keys';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('queryKeys', () => {
  it('builds hierarchical keys', () => {
    expect(queryKeys.rooms.list().queryKey).toEqual(['rooms', 'list']);
    expect(queryKeys.rooms.detail('a b').queryKey).toEqual(['rooms', 'detail', 'a b']);
    expect(queryKeys.rooms.participants('a b').queryKey).toEqual(['rooms', 'detail', 'a b', 'participants']);
    expect(queryKeys.sessions.list({ room: 'x', range: '24h' }).queryKey).toEqual(['sessions', 'list', { room: 'x', range: '24h' }]);
    expect(queryKeys.sessions.detail('RM_1').queryKey).toEqual(['sessions', 'detail', 'RM_1']);
    expect(queryKeys.stats.overview('1h').queryKey).toEqual(['stats', 'overview', '1h']);
  });

  it('keeps every key under its family prefix', () => {
    const under = (key: readonly unknown[], prefix: readonly unknown[]) => prefix.every((part, i) => key[i] === part);
    expect(under(queryKeys.rooms.list().queryKey, queryKeys.rooms.all)).toBe(true);
    expect(under(queryKeys.rooms.participants('r').queryKey, queryKeys.rooms.detail('r').queryKey)).toBe(true);
    expect(under(queryKeys.sessions.list({}).queryKey, queryKeys.sessions.lists)).toBe(true);
    expect(under(queryKeys.sessions.detail('s').queryKey, queryKeys.sessions.all)).toBe(true);
    expect(under(queryKeys.stats.overview('24h').queryKey, queryKeys.stats.all)).toBe(true);
  });

  it('fetches each endpoint with its path encoded', async () => {
    const fetchMock = mockFetch({
      '/api/rooms': [],
      '/api/rooms/a%20b': { name: 'a b' },
      '/api/rooms/a%20b/participants': [],
      '/api/sessions/RM_1': { sid: 'RM_1' },
      '/api/stats/overview?window=6h': { series: [] },
      '/api/info': { demo: true },
    });
    const client = new QueryClient();
    await client.fetchQuery(queryKeys.rooms.list());
    await client.fetchQuery(queryKeys.rooms.detail('a b'));
    await client.fetchQuery(queryKeys.rooms.participants('a b'));
    await client.fetchQuery(queryKeys.sessions.detail('RM_1'));
    await client.fetchQuery(queryKeys.stats.overview('6h'));
    expect(await client.fetchQuery(queryKeys.info())).toEqual({ demo: true });
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      '/api/rooms',
      '/api/rooms/a%20b',
      '/api/rooms/a%20b/participants',
      '/api/sessions/RM_1',
      '/api/stats/overview?window=6h',
      '/api/info',
    ]);
  });

  it('pages sessions by cursor and resolves relative ranges at fetch time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(10_000_000_000);
    const fetchMock = mockFetch({
      '/api/sessions': { items: [{ sid: 'a' }], nextCursor: 'c2' },
    });
    const client = new QueryClient();
    const options = queryKeys.sessions.list({ room: 'standup', range: '1h' });
    await client.fetchInfiniteQuery(options);
    const first = new URL(String(fetchMock.mock.calls[0][0]), 'http://x');
    expect(Object.fromEntries(first.searchParams)).toEqual({ room: 'standup', from: String(10_000_000_000 - 3_600_000), limit: '25' });

    const data = client.getQueryData(options.queryKey);
    expect(options.getNextPageParam(data!.pages[0], data!.pages, null, [null])).toBe('c2');
    expect(options.getNextPageParam({ items: [], nextCursor: null }, [], null, [null])).toBeUndefined();
  });

  it('sends absolute bounds when no relative range is set', async () => {
    const fetchMock = mockFetch({ '/api/sessions': { items: [], nextCursor: null } });
    await new QueryClient().fetchInfiniteQuery(queryKeys.sessions.list({ from: 1, to: 2 }));
    expect(fetchMock.mock.calls[0][0]).toBe('/api/sessions?from=1&to=2&limit=25');
  });
});
