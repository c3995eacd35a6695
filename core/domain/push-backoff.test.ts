import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAttemptDelay } from './push-backoff.js';

describe('nextAttemptDelay', () => {
  it('doubles from the base up to the cap without jitter', () => {
    const o = { baseMs: 500, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6, 100].map((n) => nextAttemptDelay(n, o))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('picks uniformly below the ceiling with full jitter', () => {
    expect(nextAttemptDelay(3, { baseMs: 1000, maxMs: 60_000, jitter: () => 0.5 })).toBe(2000);
    expect(nextAttemptDelay(3, { baseMs: 1000, maxMs: 60_000, jitter: () => 0 })).toBe(0);
  });

  it('stays within [0, min(max, base * 2^(n-1))] for any attempt and random value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3, max: 5000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, baseMs, maxMs, r) => {
          const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 52));
          const d = nextAttemptDelay(attempt, { baseMs, maxMs, jitter: () => r });
          expect(Number.isInteger(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});
