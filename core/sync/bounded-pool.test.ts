import { describe, expect, it } from 'vitest';
import { runBounded } from './bounded-pool.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('runBounded', () => {
  it('runs every item once and never more than `concurrency` at a time', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await runBounded([...Array(25).keys()], 4, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      seen.push(i);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(25).keys()]);
    expect(peak).toBe(4);
  });

  it('stops starting items after a failure and rethrows it once the others finished', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = runBounded([...Array(20).keys()], 3, async (i) => {
      started.push(i);
      await tick();
      if (i === 1) throw new Error('boom');
      finished++;
    });
    await expect(run).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(20);
    expect(finished).toBe(started.length - 1);
  });

  it('does nothing for no items', async () => {
    await expect(runBounded([], 4, () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
