import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';

/** Kept current by the stream: `webhook_health` messages and every accepted webhook invalidate it. */
export function useWebhookHealth() {
  return useQuery(queryKeys.webhooks.health());
}
