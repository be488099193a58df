import { hashKey, type QueryClient } from '@tanstack/react-query';
import { afterNextPaint } from '@/lib/after-paint';
import { queryKeys } from '@/lib/query-keys';
import type { StreamMessage } from '@/types/api';
import { createCachePatches } from './cache-patches';
import { invalidationFor, type Invalidation } from './invalidation-map';
import { createInvalidationScheduler } from './invalidation-scheduler';
import { createMessageDeduper } from './message-deduper';
import { applyRoomUpdate, type RoomUpdate } from './room-cache';

const roomsListHash = hashKey(queryKeys.rooms.list().queryKey);

/** Queries a message already brought up to date need no refetch for it: a refetch would only re-render them. */
function withoutUpdated(invalidation: Invalidation, update: RoomUpdate): Invalidation {
  if (invalidation === 'all') return invalidation;
  const updated = new Set<string>();
  if (update.roomsList) updated.add(roomsListHash);
  if (update.roomView) updated.add(hashKey(queryKeys.rooms.detail(update.roomView).queryKey));
  return invalidation.filter((key) => !updated.has(hashKey(key)));
}

export interface RealtimeSyncOptions {
  queryClient: QueryClient;
  coalesceMs?: number;
  pollIntervalMs?: number;
  dedupeCapacity?: number;
  /** Hidden tabs skip polls; TanStack Query refetches on focus anyway. */
  isHidden?: () => boolean;
}

/** Keeps the TanStack Query cache in step with the stream, and polls while the stream is down. */
export function createRealtimeSync({
  queryClient,
  coalesceMs = 250,
  pollIntervalMs = 30_000,
  dedupeCapacity = 1000,
  isHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
}: RealtimeSyncOptions) {
  const deduper = createMessageDeduper(dedupeCapacity);
  const patches = createCachePatches(queryClient);
  const scheduler = createInvalidationScheduler(
    (batch) => {
      if (batch === 'all') void queryClient.invalidateQueries();
      else for (const queryKey of batch) void queryClient.invalidateQueries({ queryKey });
    },
    // What a message wrote into the cache is rendered first; the refetches it calls for start after that frame.
    { intervalMs: coalesceMs, soon: (run) => afterNextPaint(run) },
  );
  let pollTimer: ReturnType<typeof setInterval> | undefined;

  return {
    /** Applies one message; false when it is a duplicate and was ignored. */
    handleMessage(message: StreamMessage): boolean {
      if (deduper.isDuplicate(message.id)) return false;
      const update = applyRoomUpdate(patches, message);
      scheduler.add(withoutUpdated(invalidationFor(message), update));
      return true;
    },
    /** Something may have been missed: refetch everything in use. */
    invalidateAll() {
      scheduler.add('all');
    },
    /** The 30 s poll stands in for the stream only while it is down. */
    setStreamLive(live: boolean) {
      if (live) {
        clearInterval(pollTimer);
        pollTimer = undefined;
      } else if (pollTimer === undefined) {
        pollTimer = setInterval(() => {
          if (!isHidden()) void queryClient.invalidateQueries();
        }, pollIntervalMs);
      }
    },
    dispose() {
      clearInterval(pollTimer);
      pollTimer = undefined;
      scheduler.dispose();
      patches.dispose();
    },
  };
}

export type RealtimeSync = ReturnType<typeof createRealtimeSync>;
