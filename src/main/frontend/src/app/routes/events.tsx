import { LiveFeed } from '@/features/events/components/LiveFeed';

export function EventsRoute() {
  return <LiveFeed limit={100} />;
}
