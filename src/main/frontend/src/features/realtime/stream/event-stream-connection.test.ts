import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEventSources } from '@/test/fake-event-source';
import { messages } from '@/test/fixtures';
import { createEventStreamConnection, type ConnectionOptions, type ConnectionState } from './event-stream-connection';

function setup(options: Partial<ConnectionOptions> = {}) {
  const sources = fakeEventSources();
  const states: ConnectionState[] = [];
  const onMessage = vi.fn();
  const onOpen = vi.fn();
  const connection = createEventStreamConnection(
    { url: '/api/events', createEventSource: sources.create, random: () => 0.5, ...options },
    { onState: (s) => states.push(s), onMessage, onOpen },
  );
  connection.start();
  return { sources, states, onMessage, onOpen, connection };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createEventStreamConnection', () => {
  it('connects to the url and hands over parsed messages', () => {
    const { sources, states, onMessage, onOpen } = setup();
    expect(sources.instances).toHaveLength(1);
    expect(sources.latest.url).toBe('/api/events');
    expect(states).toEqual(['connecting']);

    sources.latest.open();
    sources.latest.send(messages.connected());
    const joined = messages.participantJoined();
    sources.latest.send(joined);

    expect(states).toEqual(['connecting', 'connected']);
    expect(onOpen).toHaveBeenCalledWith({ fresh: true });
    expect(onMessage).toHaveBeenCalledTimes(2);
    expect(onMessage).toHaveBeenLastCalledWith(joined);
  });

  it('ignores frames that are not JSON', () => {
    const { sources, onMessage } = setup();
    sources.latest.open();
    sources.latest.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    expect(onMessage).not.toHaveBeenCalled();
  });

  it('reconnects after a failure with a delay inside the jitter window', () => {
    const random = vi.fn(() => 0.999);
    const { sources, states } = setup({ random });
    sources.latest.fail(2);
    expect(sources.instances[0].closed).toBe(true);
    expect(states.at(-1)).toBe('disconnected');

    // attempt 0: window [0, 1000)
    vi.advanceTimersByTime(998);
    expect(sources.instances).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(sources.instances).toHaveLength(2);
    expect(states.at(-1)).toBe('connecting');

    // attempt 1: window [0, 2000)
    sources.latest.fail(2);
    vi.advanceTimersByTime(1997);
    expect(sources.instances).toHaveLength(2);
    vi.advanceTimersByTime(3);
    expect(sources.instances).toHaveLength(3);
  });

  it('caps the backoff window at 30 s', () => {
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    const { sources } = setup({ random: () => 0.999999, maxAttempts: 12 });
    for (let i = 0; i < 10; i++) {
      delays.length = 0;
      sources.latest.fail(2);
      const retryDelay = Math.max(...delays.filter((d) => d < 75_000));
      expect(retryDelay).toBeLessThan(Math.min(30_000, 1000 * 2 ** i));
      expect(retryDelay).toBeGreaterThan(Math.min(30_000, 1000 * 2 ** i) * 0.99);
      vi.advanceTimersByTime(30_000);
    }
    spy.mockRestore();
  });

  it('after maxAttempts shows "error" and keeps trying every 30 s, and reconnect() tries at once', () => {
    const { sources, states, connection } = setup({ maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      sources.latest.fail(2);
      vi.advanceTimersByTime(30_000);
    }
    expect(sources.instances).toHaveLength(4);
    sources.latest.fail(2);
    expect(states.at(-1)).toBe('error');

    // ten more minutes of outage: one attempt per 30 s, the error state all along
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(29_999);
      expect(sources.instances).toHaveLength(4 + i);
      vi.advanceTimersByTime(1);
      expect(sources.instances).toHaveLength(5 + i);
      expect(states.at(-1)).toBe('error');
      sources.latest.fail(2);
    }
    expect(states.slice(states.indexOf('error'))).not.toContain('connecting');

    // the server is back: the next capped attempt connects by itself
    vi.advanceTimersByTime(30_000);
    sources.latest.open();
    expect(states.at(-1)).toBe('connected');

    sources.latest.fail(2);
    connection.reconnect();
    expect(states.at(-1)).toBe('connecting');
    sources.latest.open();
    expect(states.at(-1)).toBe('connected');
  });

  it('starts after the id it is given, as a stream that resumes (no fresh open)', () => {
    const { sources, onOpen } = setup({ lastEventId: 'msg-41' });
    expect(sources.latest.url).toBe('/api/events?lastEventId=msg-41');
    sources.latest.open();
    expect(onOpen).toHaveBeenCalledWith({ fresh: false });
  });

  it('a successful open resets the attempt budget', () => {
    const { sources, states } = setup({ maxAttempts: 2 });
    for (let round = 0; round < 5; round++) {
      sources.latest.fail(2);
      vi.advanceTimersByTime(30_000);
      sources.latest.fail(2);
      vi.advanceTimersByTime(30_000);
      sources.latest.open();
    }
    expect(states).not.toContain('error');
  });

  it("lets the browser's own retry resume once after a live connection (Last-Event-ID kept)", () => {
    const { sources, states, onOpen } = setup();
    sources.latest.open();
    sources.latest.fail(0);
    expect(sources.instances).toHaveLength(1);
    expect(sources.latest.closed).toBe(false);
    expect(states.at(-1)).toBe('connecting');

    sources.latest.open();
    expect(onOpen).toHaveBeenLastCalledWith({ fresh: false });
    expect(states.at(-1)).toBe('connected');
  });

  it('takes over with a fresh EventSource when the browser retry fails too', () => {
    const { sources, onOpen } = setup();
    sources.latest.open();
    sources.latest.fail(0);
    sources.latest.fail(0);
    expect(sources.instances[0].closed).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(sources.instances).toHaveLength(2);
    sources.latest.open();
    expect(onOpen).toHaveBeenLastCalledWith({ fresh: true });
  });

  it('a recreated EventSource resumes after the last id through the query string', () => {
    const { sources, onOpen } = setup();
    sources.latest.open();
    const joined = { ...messages.participantJoined(), id: 'run1-41' };
    sources.latest.send(joined);
    sources.latest.fail(2);
    vi.advanceTimersByTime(1000);
    expect(sources.latest.url).toBe('/api/events?lastEventId=run1-41');
    sources.latest.open();
    expect(onOpen).toHaveBeenLastCalledWith({ fresh: false });
  });

  it('does not retry natively on a first connection that fails', () => {
    const { sources } = setup();
    sources.latest.fail(0);
    expect(sources.instances[0].closed).toBe(true);
  });

  describe('watchdog', () => {
    it('never fires while heartbeats keep coming', () => {
      const { sources, states } = setup();
      sources.latest.open();
      for (let i = 0; i < 20; i++) {
        vi.advanceTimersByTime(30_000);
        sources.latest.heartbeat();
      }
      expect(sources.instances).toHaveLength(1);
      expect(states.at(-1)).toBe('connected');
    });

    it('counts messages as signs of life too', () => {
      const { sources } = setup();
      sources.latest.open();
      for (let i = 0; i < 10; i++) {
        vi.advanceTimersByTime(60_000);
        sources.latest.send(messages.trackPublished());
      }
      expect(sources.instances).toHaveLength(1);
    });

    it('closes and reconnects after 2.5 heartbeat intervals of silence', () => {
      const { sources, states } = setup();
      sources.latest.open();
      vi.advanceTimersByTime(74_999);
      expect(sources.latest.closed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(sources.instances[0].closed).toBe(true);
      expect(states.at(-1)).toBe('disconnected');
      vi.advanceTimersByTime(1000);
      expect(sources.instances).toHaveLength(2);
    });

    it('uses the interval the server announces in "connected"', () => {
      const { sources } = setup();
      sources.latest.open();
      sources.latest.send({ ...messages.connected(), data: { heartbeatSeconds: 60 } });
      vi.advanceTimersByTime(149_999);
      expect(sources.instances[0].closed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(sources.instances[0].closed).toBe(true);
    });

    it('also bounds a connection attempt that hangs', () => {
      const { sources } = setup();
      vi.advanceTimersByTime(75_000);
      expect(sources.instances[0].closed).toBe(true);
    });
  });

  it('stop() closes the stream and cancels pending retries', () => {
    const { sources, connection, states } = setup();
    sources.latest.fail(2);
    connection.stop();
    vi.advanceTimersByTime(60_000);
    expect(sources.instances).toHaveLength(1);
    expect(states.at(-1)).toBe('disconnected');
  });
});
