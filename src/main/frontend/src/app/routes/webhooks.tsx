import { WebhookHealth } from '@/features/webhooks/components/WebhookHealth';

export function WebhooksRoute() {
  return <WebhookHealth />;
}
