export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random?: () => number;
}

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(cap, base·2^attempt)).
 * Spreading reconnects over the whole window keeps many tabs or clients from
 * hitting a restarted server in lockstep.
 */
export function backoffDelay(attempt: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  return random() * Math.min(capMs, baseMs * 2 ** attempt);
}
