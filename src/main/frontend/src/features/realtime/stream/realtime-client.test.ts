import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEventSources } from '@/test/fake-event-source';
import { messages } from '@/test/fixtures';
import { createRealtimeClient } from './realtime-client';

let sources: ReturnType<typeof fakeEventSources>;
let queryClient: QueryClient;

function createClient() {
  const client = createRealtimeClient({
    queryClient,
    connection: { createEventSource: sources.create, random: () => 0 },
    isHidden: () => false,
  });
  client.start();
  return client;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_767_261_600_000);
  sources = fakeEventSources();
  queryClient = new QueryClient();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createRealtimeClient', () => {
  it('names its stream with one client id, kept across reconnects, so the server ends a stream lost without a word', () => {
    createClient();
    const first = new URL(sources.latest.url, 'http://dashboard.test');
    const client = first.searchParams.get('client') ?? '';
    expect(client).toMatch(/^[0-9a-f]{32}$/);
    sources.latest.open();
    sources.latest.send({ ...messages.participantJoined(), id: 'msg-7' });
    sources.latest.fail(2);
    vi.advanceTimersByTime(60_000);
    const again = new URL(sources.latest.url, 'http://dashboard.test');
    expect(again.searchParams.get('client')).toBe(client);
    expect(again.searchParams.get('lastEventId')).toBe('msg-7');
  });

  it('gives each page its own client id', () => {
    createClient();
    const one = new URL(sources.latest.url, 'http://dashboard.test').searchParams.get('client');
    createClient();
    const other = new URL(sources.latest.url, 'http://dashboard.test').searchParams.get('client');
    expect(other).not.toBe(one);
  });

  it('exposes the connection state as a store', () => {
    const client = createClient();
    const listener = vi.fn();
    client.subscribeStatus(listener);
    expect(client.getStatus().state).toBe('connecting');
    sources.latest.open();
    expect(client.getStatus()).toEqual({ state: 'connected', lastEventAt: null });
    expect(listener).toHaveBeenCalled();
  });

  it('feeds new LiveKit events to subscribers once each, and keeps the latest', () => {
    const client = createClient();
    const listener = vi.fn();
    client.subscribeEvents(listener);
    sources.latest.open();
    const joined = messages.participantJoined();
    sources.latest.send(messages.connected());
    sources.latest.send(joined);
    sources.latest.send(joined); // replay overlap
    expect(listener).toHaveBeenCalledExactlyOnceWith(joined);
    expect(client.getRecentEvents()).toEqual([joined]);
    expect(client.getStatus().lastEventAt).toBe(Date.now());
  });

  it('keeps a bounded history', () => {
    const client = createClient();
    sources.latest.open();
    for (let i = 0; i < 150; i++) sources.latest.send(messages.trackPublished());
    expect(client.getRecentEvents()).toHaveLength(100);
  });

  it('refetches everything when a recreated stream opens (possible gap)', async () => {
    createClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    sources.latest.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(invalidate).not.toHaveBeenCalled();

    sources.latest.fail(2);
    await vi.advanceTimersByTimeAsync(1000);
    sources.latest.open();
    // after the next paint, at the latest the 100 ms bound of a tab without frames
    await vi.advanceTimersByTimeAsync(100);
    expect(invalidate).toHaveBeenCalledExactlyOnceWith();
  });

  it('polls while the stream is down and stops once it is back', async () => {
    createClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    sources.latest.open();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(invalidate).not.toHaveBeenCalled();
    sources.latest.heartbeat();

    // Down: the retry reopens at once (random() = 0) but never gets through.
    sources.latest.fail(2);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(invalidate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(invalidate).toHaveBeenCalledExactlyOnceWith();

    sources.latest.open();
    invalidate.mockClear();
    await vi.advanceTimersByTimeAsync(100); // the gap refetch, after the next paint
    invalidate.mockClear();
    for (let i = 0; i < 4; i++) {
      sources.latest.heartbeat();
      await vi.advanceTimersByTimeAsync(30_000);
    }
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('stop() closes the stream; start() again opens a new one', () => {
    const client = createClient();
    client.stop();
    expect(sources.latest.closed).toBe(true);
    client.start();
    expect(sources.instances).toHaveLength(2);
    expect(sources.latest.closed).toBe(false);
  });
});
