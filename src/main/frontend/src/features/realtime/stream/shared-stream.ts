import type { StreamMessage } from '@/types/api';
import type { ConnectionHandlers, ConnectionState, EventStreamConnection } from './event-stream-connection';

const LEADER_LOCK_NAME = 'lkdash-sse-leader';
const CHANNEL_NAME = 'lkdash-sse';

/** What every tab acts on, whether it holds the stream or hears it from the leader. */
export type StreamSignal =
  | { kind: 'state'; state: ConnectionState }
  | { kind: 'message'; message: StreamMessage }
  /** A new EventSource replaced one that had been live: messages may have been missed. */
  | { kind: 'gap' };

type ChannelMessage = StreamSignal | { kind: 'hello' } | { kind: 'reconnect' };

/** The parts of `navigator.locks` and `BroadcastChannel` used here (fakes in tests). */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

export interface BroadcastChannelLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

export type StreamRole = 'leader' | 'follower' | 'solo';

export interface SharedStreamOptions {
  /** Opens this tab's own EventSource connection, resuming after `lastEventId` when there is one. */
  connect(handlers: ConnectionHandlers, lastEventId: string | undefined): EventStreamConnection;
  /** Absent (old browser, insecure context): every tab keeps its own stream. */
  locks?: LockManagerLike;
  createChannel?: (name: string) => BroadcastChannelLike;
}

export interface SharedStream {
  start(): void;
  stop(): void;
  reconnect(): void;
  readonly role: StreamRole | null;
}

/**
 * One SSE connection for all of a browser's dashboard tabs. Browsers allow six
 * HTTP/1.1 connections per host, so ten tabs with a stream each would starve.
 * The tab holding the Web Lock opens the stream and re-posts every signal on a
 * BroadcastChannel; the others follow. A closing leader releases the lock by
 * itself and the next waiting tab takes over.
 */
export function createSharedStream(options: SharedStreamOptions, onSignal: (signal: StreamSignal) => void): SharedStream {
  let role: StreamRole | null = null;
  let connection: EventStreamConnection | null = null;
  let channel: BroadcastChannelLike | null = null;
  let abortLockWait: AbortController | null = null;
  let releaseLock: (() => void) | null = null;
  // Whether a stream was live before, here or in a former leader: a fresh one then means a gap.
  let hadStream = false;
  // The last message id any tab's stream delivered: a new leader resumes after it.
  let lastEventId: string | undefined;

  function noteId(signal: StreamSignal) {
    if (signal.kind === 'message' && signal.message.type === 'livekit' && signal.message.id) lastEventId = signal.message.id;
  }

  function post(message: ChannelMessage) {
    channel?.postMessage(message);
  }

  function emitAndShare(signal: StreamSignal) {
    noteId(signal);
    onSignal(signal);
    post(signal);
  }

  function openConnection() {
    const opened = options.connect(
      {
        onState: (state) => emitAndShare({ kind: 'state', state }),
        onMessage: (message) => emitAndShare({ kind: 'message', message }),
        onOpen: ({ fresh }) => {
          if (fresh && hadStream) emitAndShare({ kind: 'gap' });
          hadStream = true;
        },
      },
      lastEventId,
    );
    connection = opened;
    opened.start();
  }

  function handleChannelMessage(event: MessageEvent) {
    const message = event.data as ChannelMessage;
    if (role === 'leader') {
      if (message.kind === 'hello' && connection) post({ kind: 'state', state: connection.state });
      else if (message.kind === 'reconnect') connection?.reconnect();
      return;
    }
    if (message.kind === 'state' || message.kind === 'message' || message.kind === 'gap') {
      if (message.kind === 'state' && message.state === 'connected') hadStream = true;
      noteId(message);
      onSignal(message);
    }
  }

  function becomeLeader(): Promise<void> {
    if (role === null) return Promise.resolve(); // stopped while the grant was on its way
    role = 'leader';
    openConnection();
    // Held until stop() or the tab goes away (the browser releases it then).
    return new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
  }

  return {
    start() {
      if (role) return;
      const { locks, createChannel } = options;
      if (!locks || !createChannel) {
        role = 'solo';
        openConnection();
        return;
      }
      role = 'follower';
      channel = createChannel(CHANNEL_NAME);
      channel.onmessage = handleChannelMessage;
      onSignal({ kind: 'state', state: 'connecting' });
      post({ kind: 'hello' });
      const abort = new AbortController();
      abortLockWait = abort;
      locks.request(LEADER_LOCK_NAME, { signal: abort.signal }, becomeLeader).catch(() => {
        // Aborted by stop() while waiting: nothing to clean up.
      });
    },
    stop() {
      abortLockWait?.abort();
      abortLockWait = null;
      const current = connection;
      connection = null;
      // Silence first: the final "disconnected" is not news for the other tabs.
      if (channel) channel.onmessage = null;
      channel?.close();
      channel = null;
      current?.stop();
      releaseLock?.();
      releaseLock = null;
      role = null;
    },
    reconnect() {
      if (connection) connection.reconnect();
      else post({ kind: 'reconnect' });
    },
    get role() {
      return role;
    },
  };
}
