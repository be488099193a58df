import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { browserChannelFactory, browserLocks, createRealtimeClient, type RealtimeClient } from '../stream/realtime-client';
import { RealtimeContext } from './realtime-context';

interface RealtimeProviderProps {
  children: ReactNode;
  /** Tests pass a client wired to fakes. */
  client?: RealtimeClient;
}

/** Owns the page's single realtime client; it runs while the app is mounted. */
export function RealtimeProvider({ children, client }: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const [realtime] = useState(
    () => client ?? createRealtimeClient({ queryClient, locks: browserLocks(), createChannel: browserChannelFactory() }),
  );

  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);

  return <RealtimeContext value={realtime}>{children}</RealtimeContext>;
}
