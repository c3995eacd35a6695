import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  Consumer,
  DeadLetterSink,
  MessageHandler,
  MessageMeta,
  Queue,
  ConsumeOptions,
} from '../../core/queue/queue.js';
import { brokerLockHookTimeoutMs } from './broker-lock.js';

export type DeadLetter = Parameters<DeadLetterSink>[0];

/** What a driver's test file provides: fresh, initialised Queue instances over one durable backing. */
export interface QueueHarness {
  /** A new initialised instance; every instance shares the backing store and the dead-letter list. */
  open(): Promise<Queue>;
  deadLetters: DeadLetter[];
  /** Closes every instance opened and removes what the run created (queues, files, databases). */
  cleanup(): Promise<void>;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Persian fixture: both yeh/kaf variants, Persian digits, a rial amount. */
const persianOrder = {
  customer: 'زهرا کریمی',
  address: 'تهران، خیابان ولیعصر، کوچهٔ ۱۲، پلاک ۴',
  note: 'علي و كيك (عربی) — علی و کیک (فارسی)',
  amountRial: 12_500_000,
  lines: [{ product: 'چای ایرانی ۵۰۰ گرمی', quantity: 2 }],
};

export function runQueueContract(name: string, factory: () => Promise<QueueHarness>): void {
  describe(`Queue contract: ${name}`, () => {
    let harness: QueueHarness;
    let queue: Queue;
    let consumers: Consumer[] = [];
    const topic = () => `contract-${randomBytes(4).toString('hex')}`;
    const consume = async (t: string, handler: MessageHandler, options?: ConsumeOptions) => {
      const c = await queue.consume(t, handler, options);
      consumers.push(c);
      return c;
    };
    const lettersOf = (t: string) => harness.deadLetters.filter((l) => l.topic === t);

    beforeAll(async () => {
      harness = await factory();
      queue = await harness.open();
    }, brokerLockHookTimeoutMs);
    afterEach(async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      consumers = [];
    });
    afterAll(async () => harness?.cleanup());

    it('delivers a Persian payload unchanged, first attempt, no last error', async () => {
      const t = topic();
      const got: { message: unknown; meta: MessageMeta }[] = [];
      await consume(t, async (message, meta) => void got.push({ message, meta }));
      await queue.publish(t, persianOrder);
      await waitFor(() => got.length === 1, 10_000, 'the message');
      expect(got[0].message).toEqual(persianOrder);
      expect(got[0].meta.attempt).toBe(1);
      expect(got[0].meta.lastError).toBeUndefined();
    });

    it('delivers messages published before the consumer started, in order with prefetch 1', async () => {
      const t = topic();
      for (let i = 1; i <= 8; i++) await queue.publish(t, { seq: i, name: `کالای ${i}` });
      const seen: number[] = [];
      await consume(t, async (m) => void seen.push((m as { seq: number }).seq), { prefetch: 1 });
      await waitFor(() => seen.length === 8, 10_000, 'eight messages');
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('redelivers a message whose handler threw, with attempt + 1 and the last error', async () => {
      const t = topic();
      const metas: MessageMeta[] = [];
      await consume(
        t,
        async (_m, meta) => {
          metas.push(meta);
          if (meta.attempt === 1) throw new Error('پایگاه داده موقتاً در دسترس نیست');
        },
        { retryBaseMs: 50, maxAttempts: 3 },
      );
      await queue.publish(t, { id: 'order-1' });
      await waitFor(() => metas.length === 2, 10_000, 'the redelivery');
      expect(metas.map((m) => m.attempt)).toEqual([1, 2]);
      expect(metas[1].lastError).toContain('پایگاه داده موقتاً در دسترس نیست');
      await pause(300);
      expect(metas).toHaveLength(2);
      expect(lettersOf(t)).toEqual([]);
      await waitFor(async () => (await queue.depth(t)) === 0, 5000, 'an empty topic');
    });

    it('waits about base * 2^(n-1) between attempts', async () => {
      const t = topic();
      const base = 300;
      const times: number[] = [];
      await consume(
        t,
        async () => {
          times.push(Date.now());
          if (times.length < 3) throw new Error('not yet');
        },
        { retryBaseMs: base, maxAttempts: 5 },
      );
      await queue.publish(t, { id: 'backoff' });
      await waitFor(() => times.length === 3, 15_000, 'three attempts');
      const [first, second] = [times[1] - times[0], times[2] - times[1]];
      // Local adds ±20 % jitter and polls; RabbitMQ's TTL is exact but the hop adds a little.
      expect(first).toBeGreaterThanOrEqual(base * 0.75);
      expect(first).toBeLessThan(base * 1.25 + 1000);
      expect(second).toBeGreaterThanOrEqual(2 * base * 0.75);
      expect(second).toBeLessThan(2 * base * 1.25 + 1000);
    });

    it('dead-letters after maxAttempts with the history, and the messages behind keep flowing', async () => {
      const t = topic();
      const good: { seq: number; at: number }[] = [];
      await consume(
        t,
        async (m) => {
          const msg = m as { poison?: boolean; seq: number };
          if (msg.poison) throw new Error(`کالای معیوب ${msg.seq}`);
          good.push({ seq: msg.seq, at: Date.now() });
        },
        { prefetch: 1, maxAttempts: 3, retryBaseMs: 200 },
      );
      await queue.publish(t, { poison: true, seq: 0 });
      for (let i = 1; i <= 3; i++) await queue.publish(t, { seq: i });
      await waitFor(() => lettersOf(t).length === 1, 15_000, 'the dead letter');
      const letter = lettersOf(t)[0];
      const deadAt = Date.now();
      expect(letter.message).toEqual({ poison: true, seq: 0 });
      expect(letter.attempts).toBe(3);
      expect(letter.history).toHaveLength(3);
      for (const h of letter.history) {
        expect(h.error).toContain('کالای معیوب 0');
        expect(typeof h.at).toBe('number');
      }
      expect(letter.history[2].at).toBeGreaterThan(letter.history[0].at);
      // The poison did not block: all three good ones were done before the poison was given up.
      expect(good.map((g) => g.seq).sort()).toEqual([1, 2, 3]);
      expect(Math.max(...good.map((g) => g.at))).toBeLessThan(deadAt);
      await queue.publish(t, { seq: 4 });
      await waitFor(() => good.length === 4, 10_000, 'a message after the dead letter');
      await pause(200);
      expect(lettersOf(t)).toHaveLength(1);
      await waitFor(async () => (await queue.depth(t)) === 0, 5000, 'an empty topic');
    });

    it('keeps at most `prefetch` messages in flight', async () => {
      const t = topic();
      let inFlight = 0;
      let maxInFlight = 0;
      let done = 0;
      await consume(
        t,
        async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await pause(100);
          inFlight--;
          done++;
        },
        { prefetch: 3 },
      );
      for (let i = 0; i < 10; i++) await queue.publish(t, { i });
      await waitFor(() => done === 10, 15_000, 'ten messages');
      expect(maxInFlight).toBeLessThanOrEqual(3);
      expect(maxInFlight).toBeGreaterThanOrEqual(2);
    });

    it('counts waiting and retry-scheduled messages in depth()', async () => {
      const t = topic();
      expect(await queue.depth(t)).toBe(0);
      for (let i = 0; i < 3; i++) await queue.publish(t, { i });
      await waitFor(async () => (await queue.depth(t)) === 3, 5000, 'depth 3');
      let calls = 0;
      await consume(
        t,
        async () => {
          calls++;
          throw new Error('retry later');
        },
        { retryBaseMs: 60_000, maxAttempts: 2, prefetch: 3 },
      );
      await waitFor(() => calls === 3, 10_000, 'three failures');
      // All three now wait a minute for their retry: still counted.
      await waitFor(async () => (await queue.depth(t)) === 3, 5000, 'depth 3 while scheduled for retry');
    });

    it('stops delivering after stop()', async () => {
      const t = topic();
      const seen: unknown[] = [];
      const c = await consume(t, async (m) => void seen.push(m));
      await queue.publish(t, { n: 1 });
      await waitFor(() => seen.length === 1, 10_000, 'the first message');
      await c.stop();
      await queue.publish(t, { n: 2 });
      await pause(500);
      expect(seen).toHaveLength(1);
      expect(await queue.depth(t)).toBe(1);
      const again: unknown[] = [];
      await consume(t, async (m) => void again.push(m));
      await waitFor(() => again.length === 1, 10_000, 'the message after a restart of the consumer');
      expect(again[0]).toEqual({ n: 2 });
    });

    it('keeps a published message across a new driver instance (durability)', async () => {
      const t = topic();
      const first = await harness.open();
      await first.publish(t, { durable: 'ماندگار', amountRial: 990_000 });
      await first.close();
      const second = await harness.open();
      const got: unknown[] = [];
      const c = await second.consume(t, async (m) => void got.push(m));
      consumers.push(c);
      await waitFor(() => got.length === 1, 10_000, 'the durable message');
      expect(got[0]).toEqual({ durable: 'ماندگار', amountRial: 990_000 });
    });

    it('refuses a message that is not JSON and a bad topic name', async () => {
      await expect(queue.publish(topic(), undefined)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(queue.publish('bad topic/name', {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(queue.consume(topic(), async () => undefined, { prefetch: 0 })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('answers ping()', async () => {
      await expect(queue.ping()).resolves.toBeUndefined();
    });
  });
}
