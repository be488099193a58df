import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from './after-paint';

let frames: FrameRequestCallback[];
let cancelled: Set<number>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  frames = [];
  cancelled = new Set();
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    cancelled.add(id);
    frames[id - 1] = () => {};
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const paintFrame = () => frames.splice(0).forEach((frame) => frame(0));

describe('afterNextPaint', () => {
  it('waits for the next frame, then runs on the task after it', () => {
    const callback = vi.fn();
    afterNextPaint(callback);
    vi.advanceTimersByTime(50);
    expect(callback).not.toHaveBeenCalled();
    paintFrame();
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(callback).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback when no frame comes (a hidden tab), and only once', () => {
    const callback = vi.fn();
    afterNextPaint(callback, 100);
    vi.advanceTimersByTime(99);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    paintFrame();
    vi.advanceTimersByTime(1000);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', () => {
    const callback = vi.fn();
    const cancel = afterNextPaint(callback);
    cancel();
    paintFrame();
    vi.advanceTimersByTime(1000);
    expect(callback).not.toHaveBeenCalled();
  });

  it('runs everything asked for before the same frame in one task after it, in the order asked', () => {
    const ran: string[] = [];
    afterNextPaint(() => ran.push('invalidate'));
    afterNextPaint(() => ran.push('chart 1'));
    afterNextPaint(() => ran.push('chart 2'));
    expect(frames).toHaveLength(1);
    paintFrame();
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['invalidate', 'chart 1', 'chart 2']);
  });

  it('makes what is asked for after the frame wait for the next one', () => {
    const first = vi.fn();
    const second = vi.fn();
    afterNextPaint(first);
    paintFrame();
    afterNextPaint(second);
    vi.advanceTimersByTime(0);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    paintFrame();
    vi.advanceTimersByTime(0);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('asks for no frame once everything waiting for it is cancelled, and keeps it while something still waits', () => {
    const kept = vi.fn();
    const cancelOne = afterNextPaint(() => {});
    const cancelTwo = afterNextPaint(() => {});
    cancelOne();
    expect(cancelled.size).toBe(0);
    cancelTwo();
    expect(cancelled).toEqual(new Set([1]));
    afterNextPaint(kept);
    expect(frames).toHaveLength(2);
    paintFrame();
    vi.advanceTimersByTime(0);
    expect(kept).toHaveBeenCalledTimes(1);
  });
});
