/** Callbacks waiting for the frame requested for them; they all run in one task after it. */
type Waiting = Set<() => void>;

let waiting: Waiting | undefined;
let frame: number | undefined;

function join(run: () => void): Waiting {
  if (!waiting) {
    const batch: Waiting = new Set();
    waiting = batch;
    frame = requestAnimationFrame(() => {
      waiting = undefined;
      frame = undefined;
      setTimeout(() => batch.forEach((next) => next()), 0);
    });
  }
  waiting.add(run);
  return waiting;
}

function leave(batch: Waiting, run: () => void) {
  batch.delete(run);
  // Nobody waits for it any more: no frame just for an empty batch.
  if (batch === waiting && batch.size === 0) {
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    waiting = undefined;
    frame = undefined;
  }
}

/**
 * Runs `callback` once the next frame has been painted (the task after the next
 * animation frame), so work that is not on screen yet (refetches, the live feed,
 * chart redraws) does not delay the frame showing what just changed. Everything
 * asked for before the same frame runs in one task after it, in the order asked:
 * the four charts of a stats refetch redraw together and are painted in one frame.
 * Hidden tabs get no animation frames: `fallbackMs` bounds the wait there.
 * Returns a cancel.
 */
export function afterNextPaint(callback: () => void, fallbackMs = 100): () => void {
  let done = false;
  let batch: Waiting | undefined;
  const cancel = () => {
    done = true;
    clearTimeout(fallback);
    if (batch) leave(batch, run);
    batch = undefined;
  };
  function run() {
    if (done) return;
    cancel();
    callback();
  }
  const fallback = setTimeout(run, fallbackMs);
  if (typeof requestAnimationFrame === 'function') batch = join(run);
  return cancel;
}
