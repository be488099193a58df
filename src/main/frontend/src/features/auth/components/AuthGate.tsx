import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from '@/components/feedback';
import { ApiError } from '@/lib/api-client';
import { useCurrentUser } from '../api/use-auth';
import { LoginPage } from './LoginPage';

/**
 * Shows the app to a signed-in user (or anyone when sign-in is off), the login page on a 401. A
 * server that cannot be reached keeps the app on screen once it was shown: its own indicators say
 * so, and the stream comes back by itself.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  if (me.isPending) return <LoadingState label="Checking sign-in" rows={1} />;
  if (me.error instanceof ApiError && me.error.isUnauthorized) return <LoginPage />;
  if (me.isError && me.data === undefined) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  return <>{children}</>;
}
