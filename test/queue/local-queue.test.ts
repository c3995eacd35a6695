import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { LocalQueue, type LocalQueueOptions } from '../../core/queue/local-queue.js';
import type { Consumer, DeadLetterSink } from '../../core/queue/queue.js';
import type { SqlDb } from '../../core/store/sql-db.js';
import { hasPostgres } from '../support/services.js';
import { backendHarness, type Backend, type LocalHarness } from './local-harness.js';
import { runQueueContract, waitFor, type DeadLetter } from './queue-contract.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of ['sqlite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && !hasPostgres)(`local queue on ${backend}`, () => {
    runQueueContract(`local (${backend})`, () => backendHarness(backend));
    describe('leases and dead-letter sink', () => localOnly(backend));
  });
}

function localOnly(backend: Backend): void {
  let harness: LocalHarness;
  const opened: { queue: LocalQueue; consumers: Consumer[] }[] = [];
  const letters: DeadLetter[] = [];
  const newQueue = async (options: Partial<LocalQueueOptions> = {}, db?: SqlDb) => {
    const queue = new LocalQueue({
      db: db ?? (await harness.openDb()),
      logger: createSilentLogger(),
      deadLetters: async (l) => void letters.push(l),
      pollIntervalMs: 50,
      ...options,
    });
    await queue.init();
    opened.push({ queue, consumers: [] });
    return queue;
  };
  const topic = (name: string) => `${name}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    harness = await backendHarness(backend);
  });
  afterAll(async () => {
    for (const { queue } of opened) await queue.close();
    await harness.cleanup();
  });

  it('gives a crashed consumer’s message to another once its lease ran out', async () => {
    const db = await harness.openDb();
    const queue = await newQueue({}, db);
    const t = topic('lease');
    await queue.publish(t, { order: 'سفارش ۱' });
    // As if a consumer claimed it and then died: leased for 400 ms to an owner that never comes back.
    const leasedAt = Date.now();
    await db.run(
      "UPDATE queue_messages SET locked_until = ?, locked_by = 'crashed-consumer' WHERE topic = ?",
      [leasedAt + 400, t],
    );
    const got: { at: number; attempt: number }[] = [];
    await queue.consume(t, async (_m, meta) => void got.push({ at: Date.now(), attempt: meta.attempt }));
    await pause(200);
    expect(got).toEqual([]);
    await waitFor(() => got.length === 1, 5000, 'the expired lease');
    expect(got[0].at - leasedAt).toBeGreaterThanOrEqual(400);
    expect(got[0].attempt).toBe(1);
  });

  it('renews the lease of a slow handler, so a second consumer never gets the same message', async () => {
    // The handler outlives its lease three times over, so only renewal keeps the message from b. The
    // lease leaves 800 ms for a renewal (every 400 ms) to arrive: a 200 ms lease was lost on a loaded
    // machine when one renewal came late, which the 60 s default never comes near.
    const [a, b] = [await newQueue({ leaseMs: 1200 }), await newQueue({ leaseMs: 1200 })];
    const t = topic('renew');
    const deliveries: string[] = [];
    await a.consume(t, async () => {
      deliveries.push('a');
      await pause(3600);
    });
    await a.publish(t, { slow: true });
    await waitFor(() => deliveries.length === 1, 5000, 'the first delivery');
    await b.consume(t, async () => void deliveries.push('b'));
    await pause(3900);
    expect(deliveries).toEqual(['a']);
    await waitFor(async () => (await a.depth(t)) === 0, 2000, 'the message to be deleted');
  });

  it('shares a topic between two consumers on separate connections: each message handled once', async () => {
    const [a, b] = [await newQueue(), await newQueue()];
    const t = topic('compete');
    const seen = new Map<number, number>();
    const handler = async (m: unknown) => {
      const { id } = m as { id: number };
      seen.set(id, (seen.get(id) ?? 0) + 1);
      await pause(3);
    };
    await a.consume(t, handler, { prefetch: 4 });
    await b.consume(t, handler, { prefetch: 4 });
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).publish(t, { id: i })));
    await waitFor(() => seen.size === 60, 10_000, 'sixty messages');
    await pause(300);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps a message whose dead-lettering failed, and dead-letters it on a later try', async () => {
    let sinkCalls = 0;
    const flakySink: DeadLetterSink = async (letter) => {
      sinkCalls++;
      if (sinkCalls === 1) throw new Error('storage down');
      letters.push(letter);
    };
    const queue = await newQueue({ deadLetters: flakySink });
    const t = topic('sink');
    await queue.consume(
      t,
      async () => {
        throw new Error('همیشه خطا');
      },
      { maxAttempts: 1, retryBaseMs: 50 },
    );
    await queue.publish(t, { id: 'x' });
    await waitFor(() => letters.some((l) => l.topic === t), 5000, 'the dead letter');
    expect(sinkCalls).toBe(2);
    expect(letters.filter((l) => l.topic === t)).toHaveLength(1);
    await waitFor(async () => (await queue.depth(t)) === 0, 2000, 'the message to be deleted');
  });

  it('fails init() with QUEUE_UNAVAILABLE when the table is missing', async () => {
    const db = await harness.openDb();
    await db.run('DROP TABLE queue_messages');
    const queue = new LocalQueue({ db, logger: createSilentLogger(), deadLetters: async () => undefined });
    await expect(queue.init()).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
  });
}
