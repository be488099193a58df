import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { livekitMessage, messages, summary } from '@/test/fixtures';
import type { RoomDetail, RoomSummary } from '@/types/api';
import { createRealtimeSync } from './realtime-sync';

/** A rooms list with a mounted observer, so invalidation really refetches it. */
function watchRoomsList(client: QueryClient) {
  const fetches = vi.fn(async (): Promise<RoomSummary[]> => [summary]);
  const observer = new QueryObserver(client, { queryKey: queryKeys.rooms.list().queryKey, queryFn: fetches, staleTime: Infinity });
  const unsubscribe = observer.subscribe(() => {});
  return { fetches, unsubscribe };
}

function participantEvent(i: number) {
  return livekitMessage('participant_joined', {
    room: { sid: 'RM_standup0001', name: 'daily-standup' },
    participant: { sid: `PA_${i}`, identity: `user-${i}` },
  });
}

let client: QueryClient;

beforeEach(() => {
  vi.useFakeTimers();
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});

afterEach(() => {
  client.clear();
  vi.useRealTimers();
});

describe('createRealtimeSync', () => {
  it('coalesces a burst of 1,000 events into one refetch per query', async () => {
    const { fetches, unsubscribe } = watchRoomsList(client);
    await vi.runAllTimersAsync();
    expect(fetches).toHaveBeenCalledTimes(1);
    const invalidate = vi.spyOn(client, 'invalidateQueries');

    const sync = createRealtimeSync({ queryClient: client });
    for (let i = 0; i < 1000; i++) sync.handleMessage(participantEvent(i));
    await vi.runAllTimersAsync();

    expect(fetches).toHaveBeenCalledTimes(2);
    // One call per distinct key: room detail, rooms list, stats, session detail, session lists, webhook health.
    expect(invalidate).toHaveBeenCalledTimes(6);
    sync.dispose();
    unsubscribe();
  });

  it('1,000 events spread over a second cause only a handful of refetches', async () => {
    const { fetches, unsubscribe } = watchRoomsList(client);
    await vi.runAllTimersAsync();
    const sync = createRealtimeSync({ queryClient: client, coalesceMs: 250 });
    for (let i = 0; i < 1000; i++) {
      sync.handleMessage(participantEvent(i));
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.runAllTimersAsync();
    const refetches = fetches.mock.calls.length - 1;
    expect(refetches).toBeGreaterThanOrEqual(2);
    expect(refetches).toBeLessThanOrEqual(5);
    sync.dispose();
    unsubscribe();
  });

  it('ignores a message id it has already applied', () => {
    const sync = createRealtimeSync({ queryClient: client });
    const message = messages.trackPublished();
    expect(sync.handleMessage(message)).toBe(true);
    expect(sync.handleMessage({ ...message })).toBe(false);
    sync.dispose();
  });

  it('writes data.roomSummary into the rooms list before any refetch', () => {
    client.setQueryData(queryKeys.rooms.list().queryKey, []);
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const sync = createRealtimeSync({ queryClient: client });
    sync.handleMessage(messages.participantJoined());
    expect(client.getQueryData(queryKeys.rooms.list().queryKey)).toEqual([summary]);
    expect(invalidate).not.toHaveBeenCalled();
    sync.dispose();
  });

  it('starts the refetches a message calls for only after the frame showing its cache update', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    client.setQueryData(queryKeys.rooms.list().queryKey, []);
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const sync = createRealtimeSync({ queryClient: client });
    sync.handleMessage(messages.participantJoined());
    expect(client.getQueryData(queryKeys.rooms.list().queryKey)).toEqual([summary]);
    // the next task would have refetched the overview while the new row still waited for its frame
    await vi.advanceTimersByTimeAsync(10);
    expect(invalidate).not.toHaveBeenCalled();
    frames.splice(0).forEach((frame) => frame(0));
    await vi.advanceTimersByTimeAsync(0);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.stats.all });
    sync.dispose();
    vi.unstubAllGlobals();
  });

  it('does not refetch the rooms list for a message that carried its new state', async () => {
    const { fetches, unsubscribe } = watchRoomsList(client);
    await vi.runAllTimersAsync();
    const sync = createRealtimeSync({ queryClient: client });
    sync.handleMessage(messages.participantJoined());
    await vi.runAllTimersAsync();
    expect(fetches).toHaveBeenCalledTimes(1);
    sync.handleMessage(messages.participantJoined(false));
    await vi.runAllTimersAsync();
    expect(fetches).toHaveBeenCalledTimes(2);
    sync.dispose();
    unsubscribe();
  });

  it('does not refetch a room view a participant event with a summary brought up to date, but its session', async () => {
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const sync = createRealtimeSync({ queryClient: client });
    sync.handleMessage(messages.participantJoined());
    await vi.runAllTimersAsync();
    const keys = invalidate.mock.calls.map(([filters]) => filters?.queryKey);
    expect(keys).not.toContainEqual(queryKeys.rooms.detail('daily-standup').queryKey);
    expect(keys).not.toContainEqual(queryKeys.rooms.list().queryKey);
    expect(keys).toContainEqual(queryKeys.sessions.detail('RM_standup0001').queryKey);
    invalidate.mockClear();
    sync.handleMessage(messages.trackPublished()); // no summary: the counts may have moved
    await vi.runAllTimersAsync();
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toContainEqual(queryKeys.rooms.detail('daily-standup').queryKey);
    sync.dispose();
  });

  it('shows a participant_joined in a room view whose first fetch, older than the event, answers after it', async () => {
    const answers: ((room: RoomDetail) => void)[] = [];
    const observer = new QueryObserver(client, {
      queryKey: queryKeys.rooms.detail(summary.name).queryKey,
      queryFn: () => new Promise<RoomDetail>((resolve) => answers.push(resolve)),
    });
    // The view mounts, and fetches, before the realtime layer starts (children's effects run first).
    const unsubscribe = observer.subscribe(() => {});
    const sync = createRealtimeSync({ queryClient: client });
    sync.handleMessage(messages.participantJoined());
    await vi.runAllTimersAsync();

    answers[0]({ ...summary, numParticipants: 0, participants: [] });
    await vi.runAllTimersAsync();
    const room = client.getQueryData<RoomDetail>(queryKeys.rooms.detail(summary.name).queryKey);
    expect(room?.numParticipants).toBe(1);
    expect(room?.participants?.map((p) => p.identity)).toEqual(['alice@example.com']);
    expect(answers).toHaveLength(1);
    sync.dispose();
    unsubscribe();
  });

  it('invalidates everything on resync and on invalidateAll()', async () => {
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const sync = createRealtimeSync({ queryClient: client });
    sync.handleMessage(messages.resync());
    await vi.runAllTimersAsync();
    expect(invalidate).toHaveBeenLastCalledWith();
    invalidate.mockClear();
    sync.invalidateAll();
    await vi.runAllTimersAsync();
    expect(invalidate).toHaveBeenCalledExactlyOnceWith();
    sync.dispose();
  });

  describe('polling', () => {
    it('polls every 30 s only while the stream is down', async () => {
      const invalidate = vi.spyOn(client, 'invalidateQueries');
      const sync = createRealtimeSync({ queryClient: client, isHidden: () => false });

      sync.setStreamLive(true);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(invalidate).not.toHaveBeenCalled();

      sync.setStreamLive(false);
      sync.setStreamLive(false); // repeated "down" states keep one timer
      await vi.advanceTimersByTimeAsync(29_999);
      expect(invalidate).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(invalidate).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(invalidate).toHaveBeenCalledTimes(3);

      sync.setStreamLive(true);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(invalidate).toHaveBeenCalledTimes(3);
      sync.dispose();
    });

    it('skips polls while the tab is hidden', async () => {
      const invalidate = vi.spyOn(client, 'invalidateQueries');
      let hidden = true;
      const sync = createRealtimeSync({ queryClient: client, isHidden: () => hidden });
      sync.setStreamLive(false);
      await vi.advanceTimersByTimeAsync(90_000);
      expect(invalidate).not.toHaveBeenCalled();
      hidden = false;
      await vi.advanceTimersByTimeAsync(30_000);
      expect(invalidate).toHaveBeenCalledTimes(1);
      sync.dispose();
    });

    it('stops polling on dispose', async () => {
      const invalidate = vi.spyOn(client, 'invalidateQueries');
      const sync = createRealtimeSync({ queryClient: client, isHidden: () => false });
      sync.setStreamLive(false);
      sync.dispose();
      await vi.advanceTimersByTimeAsync(90_000);
      expect(invalidate).not.toHaveBeenCalled();
    });
  });
});
