import { createContext } from 'react';
import type { RealtimeClient } from '../stream/realtime-client';

export const RealtimeContext = createContext<RealtimeClient | null>(null);
