import { startTransition, useEffect, useState } from 'react';

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

/**
 * The current time, updated every second while any component uses it. A tick
 * is a transition: re-rendering every duration on a busy page yields to a
 * stream update arriving meanwhile instead of holding it up.
 */
export function useNow(): number {
  const [current, setCurrent] = useState(readClock);
  useEffect(() => subscribe(() => startTransition(() => setCurrent(now))), []);
  return current;
}
