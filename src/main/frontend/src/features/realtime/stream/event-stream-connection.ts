import type { StreamMessage } from '@/types/api';
import { backoffDelay } from './backoff';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'error';

/** The part of the browser's EventSource this module uses (a fake one in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

const READY_STATE_CONNECTING = 0;

export interface ConnectionOptions {
  url: string;
  createEventSource?: EventSourceFactory;
  /**
   * Reconnects tried in a row with growing backoff. After that the state is
   * `error` (the user sees it and can reconnect at once), and attempts go on
   * every `capDelayMs` until one succeeds: an outage never ends the stream.
   */
  maxAttempts?: number;
  baseDelayMs?: number;
  capDelayMs?: number;
  /** The server's heartbeat interval (contract default 30 s). */
  heartbeatIntervalMs?: number;
  /** Silence longer than this many heartbeat intervals means the stream is dead. */
  watchdogFactor?: number;
  random?: () => number;
  /** Resume after this message id (another tab's stream saw it) instead of starting fresh. */
  lastEventId?: string;
}

export interface ConnectionHandlers {
  onState(state: ConnectionState): void;
  onMessage(message: StreamMessage): void;
  /** `fresh` is false when the browser itself re-established this EventSource (Last-Event-ID kept). */
  onOpen(info: { fresh: boolean }): void;
}

export interface EventStreamConnection {
  start(): void;
  /** Starts over at once with a fresh attempt budget (the user's "reconnect"). */
  reconnect(): void;
  stop(): void;
  readonly state: ConnectionState;
}

/**
 * One EventSource with the reconnect policy the browser lacks.
 *
 * After a healthy connection drops, the browser's own retry is allowed once:
 * it resends Last-Event-ID, so the server replays what was missed. If that
 * fails too, or the browser gives up (non-200 answer, e.g. 429), or the
 * watchdog finds the stream silent, the EventSource is closed and recreated
 * with full-jitter backoff. A recreated EventSource cannot send the
 * Last-Event-ID header, so the last id seen goes in the `lastEventId` query
 * parameter, which the server reads the same way (it replays, or sends
 * `resync`). Only a first connection, with no id yet, reports
 * `onOpen({fresh: true})` so the caller refetches. After `maxAttempts`
 * failures in a row the state turns `error` and attempts continue at the cap.
 */
export function createEventStreamConnection(options: ConnectionOptions, handlers: ConnectionHandlers): EventStreamConnection {
  const {
    url,
    createEventSource = (target) => new EventSource(target),
    maxAttempts = 10,
    baseDelayMs = 1000,
    capDelayMs = 30_000,
    watchdogFactor = 2.5,
    random,
  } = options;

  let heartbeatIntervalMs = options.heartbeatIntervalMs ?? 30_000;
  let source: EventSourceLike | null = null;
  let state: ConnectionState = 'disconnected';
  let failures = 0;
  let nativeRetryAllowed = false;
  let lastEventId = options.lastEventId ?? '';
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdogTimer: ReturnType<typeof setTimeout> | undefined;

  function setState(next: ConnectionState) {
    if (next === state) return;
    state = next;
    handlers.onState(next);
  }

  function armWatchdog() {
    clearTimeout(watchdogTimer);
    watchdogTimer = setTimeout(() => {
      // A half-open TCP connection never errors: silence is the only symptom.
      nativeRetryAllowed = false;
      dropAndRetry();
    }, heartbeatIntervalMs * watchdogFactor);
  }

  function closeSource() {
    clearTimeout(watchdogTimer);
    if (source) {
      source.onopen = source.onmessage = source.onerror = null;
      source.close();
      source = null;
    }
  }

  // The backoff's attempts are used up: retrying at the cap, shown as `error`.
  let pastAttemptLimit = false;

  function dropAndRetry() {
    closeSource();
    if (failures >= maxAttempts) {
      pastAttemptLimit = true;
      setState('error');
      retryTimer = setTimeout(open, capDelayMs);
      return;
    }
    const delay = backoffDelay(failures, { baseMs: baseDelayMs, capMs: capDelayMs, random });
    failures += 1;
    setState('disconnected');
    retryTimer = setTimeout(open, delay);
  }

  function parse(data: unknown): StreamMessage | null {
    try {
      return JSON.parse(String(data)) as StreamMessage;
    } catch {
      return null; // Not ours to interpret; the stream itself is fine.
    }
  }

  function handleMessage(event: MessageEvent) {
    if (event.lastEventId) lastEventId = event.lastEventId;
    const message = parse(event.data);
    if (message?.type === 'system' && message.event === 'connected') {
      // Not in the contract yet: honour the server's interval when it tells it.
      const seconds = message.data?.heartbeatSeconds;
      if (typeof seconds === 'number' && seconds > 0) heartbeatIntervalMs = seconds * 1000;
    }
    armWatchdog();
    if (message) handlers.onMessage(message);
  }

  function open() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    closeSource();
    const resumeFrom = lastEventId;
    const es = createEventSource(resumeFrom ? withLastEventId(url, resumeFrom) : url);
    source = es;
    let fresh = !resumeFrom;
    // Past the attempt limit the error stays on screen while the capped attempts go on.
    setState(pastAttemptLimit ? 'error' : 'connecting');
    armWatchdog();

    es.onopen = () => {
      failures = 0;
      pastAttemptLimit = false;
      nativeRetryAllowed = true;
      setState('connected');
      armWatchdog();
      handlers.onOpen({ fresh });
      fresh = false;
    };
    es.onmessage = handleMessage;
    es.addEventListener('heartbeat', () => {
      if (source === es) armWatchdog();
    });
    es.onerror = () => {
      if (es.readyState === READY_STATE_CONNECTING && nativeRetryAllowed) {
        nativeRetryAllowed = false;
        setState('connecting');
        armWatchdog();
        return;
      }
      dropAndRetry();
    };
  }

  return {
    start() {
      if (!source && retryTimer === undefined) open();
    },
    reconnect() {
      failures = 0;
      pastAttemptLimit = false;
      nativeRetryAllowed = false;
      open();
    },
    stop() {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      closeSource();
      setState('disconnected');
    },
    get state() {
      return state;
    },
  };
}

function withLastEventId(url: string, id: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(id)}`;
}
