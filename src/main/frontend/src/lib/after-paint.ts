/**
 * Runs `callback` once the next frame has been painted (the task after the next
 * animation frame), so work that is not on screen yet (refetches, the live feed,
 * chart redraws) does not delay the frame showing what just changed. Hidden tabs
 * get no animation frames: `fallbackMs` bounds the wait there. Returns a cancel.
 */
export function afterNextPaint(callback: () => void, fallbackMs = 100): () => void {
  let done = false;
  let frame: number | undefined;
  let afterFrame: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    done = true;
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    clearTimeout(afterFrame);
    clearTimeout(fallback);
  };
  const run = () => {
    if (done) return;
    cancel();
    callback();
  };
  const fallback = setTimeout(run, fallbackMs);
  if (typeof requestAnimationFrame === 'function') {
    frame = requestAnimationFrame(() => {
      frame = undefined;
      afterFrame = setTimeout(run, 0);
    });
  }
  return cancel;
}
