import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';
import { sharedReader, type StoreReadings } from './store-readings.js';

const readings = (deadLetters: number): StoreReadings => ({
  entities: [],
  outbox: {
    held: { count: 0, oldestAgeSeconds: 0 },
    ready: { count: 0, oldestAgeSeconds: 0 },
    disputed: { count: 0, oldestAgeSeconds: 0 },
  },
  deadLetters,
  queueDepth: {},
});

describe('sharedReader', () => {
  it('shares a read in flight and for ttl after it finished, then reads again', async () => {
    let clock = 0;
    let reads = 0;
    const read = sharedReader(
      async () => readings(++reads),
      1000,
      () => clock,
    );
    const [a, b] = await Promise.all([read(), read()]); // the gauges of one scrape
    expect([a.deadLetters, b.deadLetters, reads]).toEqual([1, 1, 1]);
    clock = 999;
    expect((await read()).deadLetters).toBe(1);
    clock = 1000;
    expect((await read()).deadLetters).toBe(2);
  });

  it('does not keep a failed read: the next scrape tries again', async () => {
    let fail = true;
    const read = sharedReader(async () => {
      if (fail) throw new Error('database is down');
      return readings(7);
    }, 60_000);
    await expect(read()).rejects.toThrow('database is down');
    fail = false;
    expect((await read()).deadLetters).toBe(7);
  });

  it('a store that cannot be read leaves its gauges empty and says so, and the scrape still answers', async () => {
    const metrics = createMetrics({
      defaultMetrics: false,
      store: () => Promise.reject(new Error('database is down')),
    });
    metrics.pullPages('Products');
    const { body } = await metrics.render();
    expect(body).toContain('hamgam_store_scrape_ok 0');
    expect(body).toContain('hamgam_pull_pages_total{entity="Products"} 1');
    expect(body).not.toMatch(/^hamgam_sync_lag_seconds\{/m);
    expect(body).not.toMatch(/^hamgam_outbox_pending\{/m);
  });
});
