import { notifyManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** Client errors (404 for an ended room, 401) will not change on a retry; network and 5xx may. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const meKey = queryKeys.auth.me().queryKey;
  const client: QueryClient = new QueryClient({
    // Any 401 means the session ended: asking who is signed in then shows the login page.
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.isUnauthorized && query.queryKey[0] !== meKey[0]) {
          void client.invalidateQueries({ queryKey: meKey });
        }
      },
    }),
    defaultOptions: {
      queries: {
        // The stream invalidates what changes; this only bounds staleness on focus.
        staleTime: 15_000,
        retry: shouldRetry,
      },
    },
  });
  return client;
}

/**
 * Cache updates reach the components at the end of the task that made them (a microtask), not in a
 * setTimeout(0) task of their own: a stream message's new row then renders in the message's task,
 * before the browser's next frame, instead of behind that frame when one was due in between.
 * Several updates of one task still make one notification batch.
 */
export function notifyQueriesOnMicrotask(): void {
  notifyManager.setScheduler(queueMicrotask);
}
