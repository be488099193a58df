import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useRealtimeEvents } from '@/features/realtime/hooks/use-realtime-events';
import { queryKeys } from '@/lib/query-keys';

/**
 * An EventSource cannot tell a 401 from a network failure: when the stream drops, ask who is
 * signed in again, so an expired or ended session brings up the login page.
 */
export function SessionWatch() {
  const { state } = useRealtimeEvents();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (state === 'error' || state === 'disconnected') {
      void queryClient.invalidateQueries({ queryKey: queryKeys.auth.me().queryKey });
    }
  }, [state, queryClient]);
  return null;
}
