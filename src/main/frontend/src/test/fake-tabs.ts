import type { BroadcastChannelLike, LockManagerLike } from '@/features/realtime/stream/shared-stream';

/** Web Locks across "tabs" of one browser: exclusive, granted in request order. */
export class FakeLockManager implements LockManagerLike {
  private readonly queues = new Map<string, { callback: () => Promise<void>; signal?: AbortSignal; resolve: () => void; reject: (e: unknown) => void }[]>();
  private readonly held = new Set<string>();

  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      const entry = { callback, signal: options.signal, resolve, reject };
      queue.push(entry);
      options.signal?.addEventListener('abort', () => {
        const index = queue.indexOf(entry);
        if (index >= 0) {
          queue.splice(index, 1);
          reject(new DOMException('aborted', 'AbortError'));
        }
      });
      this.grant(name);
    });
  }

  private grant(name: string) {
    const queue = this.queues.get(name);
    if (this.held.has(name) || !queue?.length) return;
    const entry = queue.shift()!;
    this.held.add(name);
    entry
      .callback()
      .then(entry.resolve, entry.reject)
      .finally(() => {
        this.held.delete(name);
        this.grant(name);
      });
  }
}

/** BroadcastChannel across "tabs": asynchronous, never delivered to the sender. */
export class FakeChannelHub {
  private readonly members = new Set<FakeChannel>();

  create = (name: string): BroadcastChannelLike => {
    const channel = new FakeChannel(name, this);
    this.members.add(channel);
    return channel;
  };

  deliver(from: FakeChannel, message: unknown) {
    const copy = structuredClone(message);
    for (const member of this.members) {
      if (member !== from && member.name === from.name && !member.closed) {
        queueMicrotask(() => member.onmessage?.(new MessageEvent('message', { data: copy })));
      }
    }
  }

  remove(channel: FakeChannel) {
    this.members.delete(channel);
  }
}

class FakeChannel implements BroadcastChannelLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  closed = false;

  constructor(
    readonly name: string,
    private readonly hub: FakeChannelHub,
  ) {}

  postMessage(message: unknown) {
    if (this.closed) throw new DOMException('closed', 'InvalidStateError');
    this.hub.deliver(this, message);
  }

  close() {
    this.closed = true;
    this.hub.remove(this);
  }
}
