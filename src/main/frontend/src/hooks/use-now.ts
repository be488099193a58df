import { startTransition, useEffect, useState, type RefObject } from 'react';

/* One shared one-second clock: every ticking duration on the page re-renders on the same beat. */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The clock's time while it runs; the real time when nothing has started it yet. */
function readClock(): number {
  return timer === undefined ? Date.now() : now;
}

/* One observer for every ticking element: whether each is in the viewport. */
const visibilityListeners = new Map<Element, (visible: boolean) => void>();
let visibilityObserver: IntersectionObserver | undefined;

function watchVisibility(element: Element, onChange: (visible: boolean) => void): () => void {
  if (typeof IntersectionObserver !== 'function') return () => {};
  visibilityObserver ??= new IntersectionObserver((entries) => {
    for (const entry of entries) visibilityListeners.get(entry.target)?.(entry.isIntersecting);
  });
  visibilityListeners.set(element, onChange);
  visibilityObserver.observe(element);
  return () => {
    visibilityListeners.delete(element);
    visibilityObserver?.unobserve(element);
  };
}

/**
 * The current time, updated every second while any component uses it. A tick
 * is a transition: re-rendering every duration on a busy page yields to a stream
 * update arriving meanwhile instead of holding it up. Given the element that
 * shows it, it ticks only while that element is on screen, so a long rooms list
 * does not re-render and re-lay out every row each second for nobody; scrolled
 * back into view it shows the current time at once.
 */
export function useNow(ref?: RefObject<Element | null>): number {
  const [clock, setClock] = useState(() => ({ now: readClock(), visible: true }));

  useEffect(() => {
    const element = ref?.current;
    if (!element) return;
    return watchVisibility(element, (visible) => {
      const at = readClock();
      setClock((current) => (current.visible === visible ? current : { now: visible ? at : current.now, visible }));
    });
  }, [ref]);

  useEffect(() => {
    if (!clock.visible) return;
    return subscribe(() => startTransition(() => setClock((current) => ({ ...current, now }))));
  }, [clock.visible]);

  return clock.now;
}
