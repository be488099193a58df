import type { QueryClient } from '@tanstack/react-query';
import { appUrl } from '@/lib/app-base';
import type { StreamMessage } from '@/types/api';
import {
  createEventStreamConnection,
  type ConnectionOptions,
  type ConnectionState,
} from './event-stream-connection';
import { createRealtimeSync, type RealtimeSync, type RealtimeSyncOptions } from './realtime-sync';
import {
  createSharedStream,
  type BroadcastChannelLike,
  type LockManagerLike,
  type SharedStream,
  type StreamSignal,
} from './shared-stream';

export interface RealtimeStatus {
  state: ConnectionState;
  /** When this tab last received a LiveKit event (ms), to the second. */
  lastEventAt: number | null;
}

type StreamEventListener = (message: StreamMessage) => void;

export interface RealtimeClientOptions extends Omit<RealtimeSyncOptions, 'queryClient'> {
  queryClient: QueryClient;
  url?: string;
  connection?: Omit<ConnectionOptions, 'url'>;
  locks?: LockManagerLike;
  createChannel?: (name: string) => BroadcastChannelLike;
  /** How many recent events a newly shown feed starts with. */
  recentCapacity?: number;
  now?: () => number;
}

export interface RealtimeClient {
  start(): void;
  stop(): void;
  reconnect(): void;
  getStatus(): RealtimeStatus;
  subscribeStatus(listener: () => void): () => void;
  /** Every new (deduplicated) LiveKit event, as it arrives. */
  subscribeEvents(listener: StreamEventListener): () => void;
  /** The latest events, oldest first. */
  getRecentEvents(): readonly StreamMessage[];
}

/** Browser globals, looked up at call time so tests and old browsers can lack them. */
export function browserLocks(): LockManagerLike | undefined {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : undefined;
}

export function browserChannelFactory(): ((name: string) => BroadcastChannelLike) | undefined {
  return typeof BroadcastChannel === 'function' ? (name) => new BroadcastChannel(name) : undefined;
}

/**
 * An id for this page's stream, the same on every reconnect: when a connection is lost without a
 * word (a laptop asleep, a network that changed), the server still counts it as open until the
 * kernel gives up on it, minutes later; the reconnect that names the same client ends it at once.
 * Random per page (crypto.getRandomValues also works on plain http, unlike randomUUID).
 */
export function newStreamClientId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The realtime layer as React sees it: a status store, an event feed, and cache sync. */
export function createRealtimeClient(options: RealtimeClientOptions): RealtimeClient {
  const { url = appUrl(`/api/events?client=${newStreamClientId()}`), recentCapacity = 100, now = Date.now } = options;
  let status: RealtimeStatus = { state: 'connecting', lastEventAt: null };
  const statusListeners = new Set<() => void>();
  const eventListeners = new Set<StreamEventListener>();
  let recent: StreamMessage[] = [];
  let stream: SharedStream | null = null;
  let sync: RealtimeSync | null = null;

  function setStatus(next: RealtimeStatus) {
    status = next;
    for (const listener of statusListeners) listener();
  }

  function handleSignal(signal: StreamSignal) {
    if (!sync) return;
    switch (signal.kind) {
      case 'state':
        sync.setStreamLive(signal.state === 'connected');
        if (signal.state !== status.state) setStatus({ ...status, state: signal.state });
        return;
      case 'gap':
        sync.invalidateAll();
        return;
      case 'message': {
        const { message } = signal;
        if (!sync.handleMessage(message) || message.type !== 'livekit') return;
        recent = [...recent.slice(-(recentCapacity - 1)), message];
        const at = now();
        // Second resolution keeps a burst of events from re-rendering the header per event.
        if (status.lastEventAt === null || at - status.lastEventAt >= 1000) setStatus({ ...status, lastEventAt: at });
        for (const listener of eventListeners) listener(message);
      }
    }
  }

  return {
    start() {
      if (stream) return;
      sync = createRealtimeSync(options);
      stream = createSharedStream(
        {
          connect: (handlers, lastEventId) => createEventStreamConnection({ ...options.connection, url, lastEventId }, handlers),
          locks: options.locks,
          createChannel: options.createChannel,
        },
        handleSignal,
      );
      stream.start();
    },
    stop() {
      stream?.stop();
      stream = null;
      sync?.dispose();
      sync = null;
    },
    reconnect() {
      stream?.reconnect();
    },
    getStatus: () => status,
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    subscribeEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    getRecentEvents: () => recent,
  };
}
