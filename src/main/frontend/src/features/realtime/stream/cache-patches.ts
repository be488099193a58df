import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';

type Patch = (data: unknown) => unknown;

/**
 * Writes stream updates into cached queries so that a fetch already in flight
 * cannot undo them. A response that left the server before the event was
 * applied would otherwise replace what the stream just showed (a room popping
 * back out of the list until the next refetch). Patches made while a query is
 * fetching are kept and replayed on top of that fetch's result, inside the same
 * notification batch, so the older response is never rendered on its own.
 */
export function createCachePatches(queryClient: QueryClient) {
  // Per query hash: the patches applied since its current fetch started.
  const sinceFetchStart = new Map<string, Patch[]>();

  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'removed') {
      sinceFetchStart.delete(event.query.queryHash);
      return;
    }
    if (event.type !== 'updated') return;
    const { query, action } = event;
    switch (action.type) {
      case 'fetch':
        sinceFetchStart.set(query.queryHash, []);
        return;
      case 'success': {
        if (action.manual) return;
        const patches = sinceFetchStart.get(query.queryHash);
        sinceFetchStart.delete(query.queryHash);
        if (patches?.length) queryClient.setQueryData(query.queryKey, (data: unknown) => patches.reduce((d, patch) => patch(d), data));
        return;
      }
      case 'error':
        sinceFetchStart.delete(query.queryHash);
    }
  });

  return {
    /** Updates one cached query (a no-op when not cached: `update` gets undefined and should return it). */
    patch<T>(queryKey: QueryKey, update: (data: T | undefined) => T | undefined): void {
      queryClient.setQueryData<T>(queryKey, update);
      const hash = hashKey(queryKey);
      let recorded = sinceFetchStart.get(hash);
      // A fetch that started before this listened (the page's first ones, made as it mounts) was
      // never seen starting, yet its answer may be just as old.
      if (!recorded && queryClient.getQueryCache().get(hash)?.state.fetchStatus === 'fetching') {
        recorded = [];
        sinceFetchStart.set(hash, recorded);
      }
      recorded?.push(update as Patch);
    },
    dispose: unsubscribe,
  };
}

export type CachePatches = ReturnType<typeof createCachePatches>;
