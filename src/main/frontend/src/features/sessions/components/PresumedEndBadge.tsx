import { Badge } from '@/components/Badge';
import type { SessionSummary } from '@/types/api';

/** A session whose room_finished never came: the dashboard presumed its end once the room went quiet. */
export function isPresumedEnded(session: Pick<SessionSummary, 'endedBy'>): boolean {
  return session.endedBy === 'presumed_ended';
}

export function PresumedEndBadge() {
  return (
    <Badge tone="warn" title="No room_finished arrived: the room was empty and quiet for its emptyTimeout + departureTimeout">
      presumed ended
    </Badge>
  );
}
