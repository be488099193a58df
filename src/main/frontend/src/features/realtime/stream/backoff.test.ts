import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const policy = { baseMs: 1000, capMs: 30_000 };

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(cap, base·2^attempt)) for every attempt', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const delay = backoffDelay(attempt, { ...policy, random: () => r });
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it('doubles the window per attempt until the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, { ...policy, random: () => 0.5 });
    expect([0, 1, 2, 3, 4].map(top)).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(top(5)).toBe(15_000);
    expect(top(6)).toBe(15_000);
    expect(top(30)).toBe(15_000);
  });

  it('spreads clients over the whole window', () => {
    const samples = Array.from({ length: 2000 }, () => backoffDelay(3, policy));
    expect(Math.min(...samples)).toBeLessThan(800);
    expect(Math.max(...samples)).toBeGreaterThan(7200);
  });
});
