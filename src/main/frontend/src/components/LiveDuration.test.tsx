import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveDuration } from './LiveDuration';

/** Stands in for the browser's IntersectionObserver: the test says what is in the viewport. */
let observed: Map<Element, IntersectionObserverCallback>;
const scrolled = (element: Element, isIntersecting: boolean) =>
  act(() => observed.get(element)?.([{ target: element, isIntersecting } as IntersectionObserverEntry], {} as IntersectionObserver));

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 9) });
  observed = new Map();
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(private readonly callback: IntersectionObserverCallback) {}
      observe(element: Element) {
        observed.set(element, this.callback);
      }
      unobserve(element: Element) {
        observed.delete(element);
      }
    },
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const tick = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('LiveDuration', () => {
  it('ticks every second while on screen, stops off screen, and is current again once scrolled back', () => {
    render(<LiveDuration since={Date.now() - 5_000} />);
    const duration = screen.getByText('5s');
    expect(observed.has(duration)).toBe(true);

    tick(1000);
    expect(duration).toHaveTextContent('6s');

    scrolled(duration, false);
    tick(3000);
    expect(duration).toHaveTextContent('6s');
    expect(vi.getTimerCount()).toBe(0); // nothing else ticks: the clock stops

    scrolled(duration, true);
    expect(duration).toHaveTextContent('9s');
    tick(1000);
    expect(duration).toHaveTextContent('10s');
  });

  it('stops watching its element once gone', () => {
    const { unmount } = render(<LiveDuration since={Date.now()} />);
    const duration = screen.getByText('0s');
    unmount();
    expect(observed.has(duration)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
