import type { EventSourceLike } from '@/features/realtime/stream/event-stream-connection';

/** An EventSource driven by the test: open(), send(), heartbeat(), fail(). */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
    this.readyState = 2;
  }

  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** As the browser does, the frame's `id:` line (a livekit message's id) becomes `lastEventId`. */
  send(message: object) {
    const id = (message as { type?: string; id?: string }).type === 'livekit' ? (message as { id?: string }).id : undefined;
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message), lastEventId: id ?? '' }));
  }

  heartbeat() {
    for (const l of this.listeners.get('heartbeat') ?? []) l(new MessageEvent('heartbeat', { data: '{"timestamp":0}' }));
  }

  /** readyState 0: the browser will retry by itself; 2: it gave up. */
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
}

export function fakeEventSources() {
  const instances: FakeEventSource[] = [];
  return {
    instances,
    create: (url: string) => {
      const es = new FakeEventSource(url);
      instances.push(es);
      return es;
    },
    get latest() {
      return instances[instances.length - 1];
    },
    get open() {
      return instances.filter((es) => !es.closed);
    },
  };
}
