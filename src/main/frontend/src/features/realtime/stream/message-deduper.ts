/**
 * Remembers the last `capacity` message ids. Duplicates happen when a replay
 * after Last-Event-ID overlaps what a tab already saw, or when a message reaches
 * a tab both from its own stream and from the cross-tab channel during a
 * leadership hand-over. Messages without an id (`system`) are never duplicates.
 */
export function createMessageDeduper(capacity = 1000) {
  const seen = new Set<string>();
  const ring: (string | undefined)[] = new Array(capacity);
  let next = 0;

  return {
    /** True when `id` was seen before; otherwise records it. */
    isDuplicate(id: string | undefined): boolean {
      if (!id) return false;
      if (seen.has(id)) return true;
      const evicted = ring[next];
      if (evicted !== undefined) seen.delete(evicted);
      ring[next] = id;
      next = (next + 1) % capacity;
      seen.add(id);
      return false;
    },
  };
}
