import { SessionHistory } from '@/features/sessions/components/SessionHistory';

export function SessionsRoute() {
  return <SessionHistory />;
}
