import { notifyManager, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { summary } from '@/test/fixtures';
import { createQueryClient, notifyQueriesOnMicrotask } from './query-client';

afterEach(() => {
  // TanStack Query's default, which the other tests run with
  notifyManager.setScheduler((callback) => setTimeout(callback, 0));
  vi.useRealTimers();
});

describe('notifyQueriesOnMicrotask', () => {
  it('tells components of a cache update within the task that made it', async () => {
    // Timers frozen: a notification waiting for a setTimeout task would never come.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    notifyQueriesOnMicrotask();
    const client = createQueryClient();
    const key = queryKeys.rooms.list().queryKey;
    client.setQueryData(key, []);
    const observer = new QueryObserver(client, { queryKey: key, enabled: false });
    const seen: unknown[] = [];
    // how useQuery subscribes: its re-render goes through the notification scheduler
    const unsubscribe = observer.subscribe(notifyManager.batchCalls(() => seen.push(observer.getCurrentResult().data)));

    client.setQueryData(key, [summary]);
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([[summary]]);
    unsubscribe();
  });
});
