import { MetricCards } from '@/features/overview/components/MetricCards';
import { ActiveRooms } from '@/features/rooms/components/ActiveRooms';

export function OverviewRoute() {
  return (
    <div className="stack">
      <MetricCards />
      <ActiveRooms />
    </div>
  );
}
