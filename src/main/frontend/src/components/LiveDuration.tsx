import { useNow } from '@/hooks/use-now';
import { formatDuration } from '@/lib/format';

/** Time elapsed since `since` (ms), ticking every second; fixed once `until` is known. */
export function LiveDuration({ since, until }: { since: number; until?: number | null }) {
  const now = useNow();
  return <span className="tabular">{formatDuration((until ?? now) - since)}</span>;
}
