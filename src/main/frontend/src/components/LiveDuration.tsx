import { useRef } from 'react';
import { useNow } from '@/hooks/use-now';
import { formatDuration } from '@/lib/format';

/** Time elapsed since `since` (ms), ticking every second while on screen; fixed once `until` is known. */
export function LiveDuration({ since, until }: { since: number; until?: number | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  const now = useNow(ref);
  return (
    <span ref={ref} className="tabular">
      {formatDuration((until ?? now) - since)}
    </span>
  );
}
