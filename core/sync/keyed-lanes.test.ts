import { describe, expect, it } from 'vitest';
import { KeyedLanes } from './keyed-lanes.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedLanes', () => {
  it('runs one key strictly in order and different keys side by side', async () => {
    const lanes = new KeyedLanes();
    const running = new Map<string, number>();
    let peak = 0;
    const order: string[] = [];
    const work = (key: string, n: number) =>
      lanes.run(key, async () => {
        running.set(key, (running.get(key) ?? 0) + 1);
        expect(running.get(key)).toBe(1);
        peak = Math.max(
          peak,
          [...running.values()].reduce((a, b) => a + b, 0),
        );
        await tick();
        order.push(`${key}${n}`);
        running.set(key, running.get(key)! - 1);
      });
    await Promise.all(['a', 'b', 'c'].flatMap((k) => [1, 2, 3].map((n) => work(k, n))));
    expect(peak).toBe(3);
    for (const k of ['a', 'b', 'c'])
      expect(order.filter((o) => o.startsWith(k))).toEqual([`${k}1`, `${k}2`, `${k}3`]);
    await tick();
    expect(lanes.busy).toBe(0);
  });

  it('a failure rejects its own caller only; the lane goes on', async () => {
    const lanes = new KeyedLanes();
    const first = lanes.run('خرید', () => Promise.reject(new Error('boom')));
    const second = lanes.run('خرید', async () => 'بعدی');
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('بعدی');
  });
});
