import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/pino-logger.js';
import type { ConsumeOptions, MessageHandler, Queue } from '../queue/queue.js';
import type { PullPage, Storage } from '../store/storage.js';
import { pgApplyConcurrency, startPullConsumer } from './pull-consumer.js';
import { SyncEvents } from './sync-events.js';
import { noopSyncMetrics } from './sync-metrics.js';

const tick = () => new Promise((r) => setTimeout(r, 2));

/** A queue that hands every message to the handler at once, up to prefetch, as a broker would. */
function fakeQueue() {
  const seen: { handler?: MessageHandler; options?: ConsumeOptions } = {};
  const queue = {
    kind: 'rabbitmq',
    consume: async (_topic: string, handler: MessageHandler, options?: ConsumeOptions) => {
      seen.handler = handler;
      seen.options = options;
      return { stop: async () => undefined };
    },
  } as unknown as Queue;
  return { queue, seen };
}

/** A store whose applyPullPage records what ran at the same time. */
function fakeStorage(dialect: 'sqlite' | 'postgres') {
  const running: PullPage[] = [];
  const applied: string[] = [];
  let peak = 0;
  const storage = {
    dialect,
    applyPullPage: async (page: PullPage) => {
      expect(running.filter((p) => p.entity === page.entity)).toEqual([]);
      running.push(page);
      peak = Math.max(peak, running.length);
      await tick();
      running.splice(running.indexOf(page), 1);
      applied.push(`${page.entity}:${page.seq}`);
      return { duplicate: false, changed: page.records.length };
    },
  } as unknown as Storage;
  return { storage, applied, peak: () => peak };
}

const page = (entity: string, seq: number) => ({
  runId: 'r',
  entity,
  seq,
  prevSeq: seq < 3 ? -1 : seq - 3,
  checkpoint: seq,
  records: [{ ProductId: seq, Name: 'چای', RowVersion: seq }],
});

async function deliverAll(dialect: 'sqlite' | 'postgres') {
  const { queue, seen } = fakeQueue();
  const store = fakeStorage(dialect);
  const deps = { queue, storage: store.storage, logger: createSilentLogger(), metrics: noopSyncMetrics };
  await startPullConsumer({ ...deps, events: new SyncEvents() });
  const prefetch = seen.options?.prefetch ?? 1;
  // Pages arrive as the fetcher publishes them: one of each entity per round.
  const messages = [0, 1, 2].flatMap((round) =>
    ['Products', 'ProductDetails', 'ProductDetailStoreAssets'].map((e, i) => page(e, round * 3 + i)),
  );
  const inFlight = new Set<Promise<void>>();
  for (const m of messages) {
    while (inFlight.size >= prefetch) await Promise.race(inFlight);
    const p = seen.handler!(m, { attempt: 1 }).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { prefetch, applied: store.applied, peak: store.peak() };
}

describe('pull consumer', () => {
  it('on PostgreSQL applies pages of different entities side by side, each entity in order', async () => {
    const { prefetch, applied, peak } = await deliverAll('postgres');
    expect(prefetch).toBe(pgApplyConcurrency);
    expect(peak).toBe(3);
    for (const e of ['Products', 'ProductDetails', 'ProductDetailStoreAssets']) {
      const seqs = applied.filter((a) => a.startsWith(`${e}:`)).map((a) => Number(a.split(':')[1]));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs).toHaveLength(3);
    }
  });

  it('on SQLite applies one page at a time, as delivered', async () => {
    const { prefetch, applied, peak } = await deliverAll('sqlite');
    expect(prefetch).toBe(1);
    expect(peak).toBe(1);
    expect(applied.map((a) => Number(a.split(':')[1]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
