import type { QueryKey } from '@tanstack/react-query';
import type { Invalidation } from './invalidation-map';

/**
 * Collects invalidations and hands them over in batches, at most one batch per
 * `intervalMs`: a burst of a thousand events becomes a few refetches per query.
 * The first event after a quiet period flushes without waiting for the
 * interval, through `soon` (by default the next task; the app passes "after the
 * next paint", so refetches start once the cache update the event made is on
 * screen). Otherwise timers, not animation frames: the tab holding the stream
 * may be in the background, where frames stop.
 */
export function createInvalidationScheduler(
  flush: (batch: Invalidation) => void,
  {
    intervalMs = 250,
    now = Date.now,
    soon = nextTask,
  }: { intervalMs?: number; now?: () => number; soon?: (run: () => void) => () => void } = {},
) {
  const pending = new Map<string, QueryKey>();
  let everything = false;
  let cancel: (() => void) | undefined;
  let lastFlushAt = Number.NEGATIVE_INFINITY;

  function run() {
    cancel = undefined;
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
      if (cancel === undefined && (everything || pending.size > 0)) {
        const wait = lastFlushAt + intervalMs - now();
        if (wait <= 0) {
          cancel = soon(run);
        } else {
          const timer = setTimeout(run, wait);
          cancel = () => clearTimeout(timer);
        }
      }
    },
    dispose() {
      cancel?.();
      cancel = undefined;
      pending.clear();
      everything = false;
    },
  };
}

function nextTask(run: () => void): () => void {
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}
