import type { QueryKey } from '@tanstack/react-query';
import type { Invalidation } from './invalidation-map';

/**
 * Collects invalidations and hands them over in batches, at most one batch per
 * `intervalMs`: a burst of a thousand events becomes a few refetches per query.
 * The first event after a quiet period flushes at once (on the next task), so
 * a lone event is not delayed. Timers, not animation frames: the tab holding
 * the stream may be in the background, where frames stop.
 */
export function createInvalidationScheduler(
  flush: (batch: Invalidation) => void,
  { intervalMs = 250, now = Date.now }: { intervalMs?: number; now?: () => number } = {},
) {
  const pending = new Map<string, QueryKey>();
  let everything = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlushAt = Number.NEGATIVE_INFINITY;

  function run() {
    timer = undefined;
    lastFlushAt = now();
    const batch: Invalidation = everything ? 'all' : [...pending.values()];
    pending.clear();
    everything = false;
    if (batch === 'all' || batch.length > 0) flush(batch);
  }

  return {
    add(invalidation: Invalidation) {
      if (invalidation === 'all') everything = true;
      else for (const key of invalidation) pending.set(JSON.stringify(key), key);
      if (timer === undefined && (everything || pending.size > 0)) {
        timer = setTimeout(run, Math.max(0, lastFlushAt + intervalMs - now()));
      }
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
      everything = false;
    },
  };
}
