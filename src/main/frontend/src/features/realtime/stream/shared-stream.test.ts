import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEventSources } from '@/test/fake-event-source';
import { FakeChannelHub, FakeLockManager } from '@/test/fake-tabs';
import { messages } from '@/test/fixtures';
import { createEventStreamConnection } from './event-stream-connection';
import { createSharedStream, type StreamSignal } from './shared-stream';

let sources: ReturnType<typeof fakeEventSources>;
let locks: FakeLockManager;
let hub: FakeChannelHub;

function openTab({ shared = true } = {}) {
  const signals: StreamSignal[] = [];
  const stream = createSharedStream(
    {
      connect: (handlers, lastEventId) =>
        createEventStreamConnection({ url: '/api/events', createEventSource: sources.create, random: () => 0, lastEventId }, handlers),
      locks: shared ? locks : undefined,
      createChannel: shared ? hub.create : undefined,
    },
    (signal) => signals.push(signal),
  );
  stream.start();
  const received = () => signals.filter((s) => s.kind === 'message').map((s) => (s as { message: { id?: string } }).message.id);
  const lastState = () => signals.filter((s) => s.kind === 'state').at(-1);
  const gaps = () => signals.filter((s) => s.kind === 'gap').length;
  return { stream, signals, received, lastState, gaps };
}

/** Lets lock grants and channel deliveries (microtasks) run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  sources = fakeEventSources();
  locks = new FakeLockManager();
  hub = new FakeChannelHub();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createSharedStream', () => {
  it('ten tabs share a single EventSource', async () => {
    const tabs = Array.from({ length: 10 }, () => openTab());
    await settle();
    expect(sources.instances).toHaveLength(1);
    expect(tabs.map((t) => t.stream.role)).toEqual(['leader', ...Array(9).fill('follower')]);
  });

  it('followers receive every message and state change the leader sees', async () => {
    const leader = openTab();
    const follower = openTab();
    await settle();
    sources.latest.open();
    const joined = messages.participantJoined();
    sources.latest.send(joined);
    await settle();

    expect(leader.received()).toEqual([joined.id]);
    expect(follower.received()).toEqual([joined.id]);
    expect(follower.lastState()).toEqual({ kind: 'state', state: 'connected' });
  });

  it('a tab joining later learns the current state from the leader', async () => {
    openTab();
    await settle();
    sources.latest.open();
    await settle();
    const late = openTab();
    expect(late.lastState()).toEqual({ kind: 'state', state: 'connecting' });
    await settle();
    expect(late.lastState()).toEqual({ kind: 'state', state: 'connected' });
  });

  it('when the leader goes away the next tab opens the stream, and every tab treats it as a gap', async () => {
    const first = openTab();
    const second = openTab();
    const third = openTab();
    await settle();
    sources.latest.open();
    await settle();

    first.stream.stop();
    await settle();
    expect(second.stream.role).toBe('leader');
    expect(third.stream.role).toBe('follower');
    expect(sources.open).toHaveLength(1);
    expect(sources.instances).toHaveLength(2);

    sources.latest.open();
    await settle();
    expect(second.gaps()).toBe(1);
    expect(third.gaps()).toBe(1);
    expect(third.lastState()).toEqual({ kind: 'state', state: 'connected' });
  });

  it('a tab that becomes the leader resumes after the last id the tabs saw, without a refetch', async () => {
    const first = openTab();
    const second = openTab();
    await settle();
    sources.latest.open();
    const seen = messages.participantJoined();
    sources.latest.send(seen);
    await settle();
    expect(second.received()).toEqual([seen.id]);

    first.stream.stop();
    await settle();
    expect(second.stream.role).toBe('leader');
    expect(sources.latest.url).toBe(`/api/events?lastEventId=${seen.id}`);
    sources.latest.open();
    await settle();
    expect(second.gaps()).toBe(0);
  });

  it('the first stream ever opened is no gap', async () => {
    const tab = openTab();
    await settle();
    sources.latest.open();
    expect(tab.gaps()).toBe(0);
  });

  it("a follower's reconnect() reaches the leader", async () => {
    openTab();
    const follower = openTab();
    await settle();
    sources.latest.fail(2);
    expect(sources.instances).toHaveLength(1);
    follower.stream.reconnect();
    await settle();
    expect(sources.instances).toHaveLength(2);
  });

  it('a follower that stops leaves the leader running', async () => {
    openTab();
    const follower = openTab();
    await settle();
    follower.stream.stop();
    await settle();
    expect(sources.open).toHaveLength(1);
  });

  it('falls back to one stream per tab without Web Locks or BroadcastChannel', async () => {
    const a = openTab({ shared: false });
    const b = openTab({ shared: false });
    await settle();
    expect(a.stream.role).toBe('solo');
    expect(b.stream.role).toBe('solo');
    expect(sources.instances).toHaveLength(2);
    sources.instances[0].open();
    sources.instances[0].send(messages.trackPublished());
    expect(a.received()).toHaveLength(1);
    expect(b.received()).toHaveLength(0);
  });
});
