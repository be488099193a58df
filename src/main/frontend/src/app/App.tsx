import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthGate } from '@/features/auth/components/AuthGate';
import { SessionWatch } from '@/features/auth/components/SessionWatch';
import { RealtimeProvider } from '@/features/realtime/components/RealtimeProvider';
import { routerBasename } from '@/lib/app-base';
import { Layout } from './Layout';
import { createQueryClient } from './query-client';
import { EventsRoute } from './routes/events';
import { NotFoundRoute } from './routes/not-found';
import { OverviewRoute } from './routes/overview';
import { RoomRoute } from './routes/room';
import { SessionRoute } from './routes/session';
import { SessionsRoute } from './routes/sessions';
import { WebhooksRoute } from './routes/webhooks';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AuthGate>
        <RealtimeProvider>
          <SessionWatch />
          <BrowserRouter basename={routerBasename()}>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<OverviewRoute />} />
                <Route path="rooms/:name" element={<RoomRoute />} />
                <Route path="sessions" element={<SessionsRoute />} />
                <Route path="sessions/:sid" element={<SessionRoute />} />
                <Route path="events" element={<EventsRoute />} />
                <Route path="webhooks" element={<WebhooksRoute />} />
                <Route path="*" element={<NotFoundRoute />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </RealtimeProvider>
      </AuthGate>
    </QueryClientProvider>
  );
}
