import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInvalidationScheduler } from './invalidation-scheduler';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createInvalidationScheduler', () => {
  it('flushes a lone event on the next task', () => {
    const flush = vi.fn();
    const scheduler = createInvalidationScheduler(flush);
    scheduler.add([['rooms', 'list']]);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(flush).toHaveBeenCalledWith([['rooms', 'list']]);
  });

  it('flushes a lone event through `soon` when given one (the app: after the next paint)', () => {
    const flush = vi.fn();
    let later: (() => void) | undefined;
    const scheduler = createInvalidationScheduler(flush, {
      soon: (run) => {
        later = run;
        return () => (later = undefined);
      },
    });
    scheduler.add([['stats']]);
    scheduler.add([['sessions', 'list']]);
    vi.runAllTimers();
    expect(flush).not.toHaveBeenCalled();
    later?.();
    expect(flush).toHaveBeenCalledExactlyOnceWith([['stats'], ['sessions', 'list']]);
    // Within the interval after that flush, a timer is used, not `soon`.
    later = undefined;
    scheduler.add([['stats']]);
    expect(later).toBeUndefined();
    vi.advanceTimersByTime(250);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('cancels a pending `soon` on dispose', () => {
    const flush = vi.fn();
    const cancelled = vi.fn();
    const scheduler = createInvalidationScheduler(flush, { soon: () => cancelled });
    scheduler.add([['stats']]);
    scheduler.dispose();
    expect(cancelled).toHaveBeenCalledTimes(1);
  });

  it('merges duplicate keys within a batch', () => {
    const flush = vi.fn();
    const scheduler = createInvalidationScheduler(flush);
    for (let i = 0; i < 1000; i++) scheduler.add([['rooms', 'list'], ['rooms', 'detail', `r${i % 3}`]]);
    vi.runAllTimers();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(flush.mock.calls[0][0]).toHaveLength(4);
  });

  it('flushes at most once per interval under a steady stream', () => {
    const flush = vi.fn();
    const scheduler = createInvalidationScheduler(flush, { intervalMs: 250 });
    for (let ms = 0; ms < 1000; ms++) {
      scheduler.add([['rooms', 'list']]);
      vi.advanceTimersByTime(1);
    }
    vi.runAllTimers();
    expect(flush.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(flush.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it("turns a batch containing 'all' into one invalidate-everything", () => {
    const flush = vi.fn();
    const scheduler = createInvalidationScheduler(flush);
    scheduler.add([['rooms', 'list']]);
    scheduler.add('all');
    vi.runAllTimers();
    expect(flush).toHaveBeenCalledExactlyOnceWith('all');
  });

  it('skips empty invalidations and drops pending work on dispose', () => {
    const flush = vi.fn();
    const scheduler = createInvalidationScheduler(flush);
    scheduler.add([]);
    vi.runAllTimers();
    scheduler.add([['stats']]);
    scheduler.dispose();
    vi.runAllTimers();
    expect(flush).not.toHaveBeenCalled();
  });
});
