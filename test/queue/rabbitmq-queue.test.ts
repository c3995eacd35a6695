import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import type { Consumer } from '../../core/queue/queue.js';
import { RabbitMqQueue } from '../../core/queue/rabbitmq-queue.js';
import { amqpUrl, hasRabbitMq } from '../support/services.js';
import { runQueueContract, waitFor } from './queue-contract.js';
import { brokerLockHookTimeoutMs } from './broker-lock.js';
import { rabbitHarness } from './rabbitmq-harness.js';

describe.skipIf(!hasRabbitMq)('RabbitMQ queue driver', () => {
  runQueueContract('rabbitmq', async () => rabbitHarness('contract'));

  describe('broker-side topology', () => {
    const harness = rabbitHarness('topology');
    let queue: RabbitMqQueue;
    let connection: amqp.ChannelModel;
    let channel: amqp.Channel;
    const consumers: Consumer[] = [];

    beforeAll(async () => {
      queue = (await harness.open()) as RabbitMqQueue;
      connection = await amqp.connect(amqpUrl);
      channel = await connection.createChannel();
    }, brokerLockHookTimeoutMs);
    afterAll(async () => {
      for (const c of consumers) await c.stop();
      await connection?.close();
      await harness.cleanup();
    });

    it('moves an exhausted message through <topic>.dlq to the sink, with its attempt history', async () => {
      consumers.push(
        await queue.consume(
          'invoices',
          async () => {
            throw new Error('فاکتور نامعتبر');
          },
          { maxAttempts: 2, retryBaseMs: 100 },
        ),
      );
      await queue.publish('invoices', { invoice: 'ف-۱۰۰۱' });
      await waitFor(() => harness.deadLetters.some((l) => l.topic === 'invoices'), 10_000, 'the dead letter');
      const letter = harness.deadLetters.find((l) => l.topic === 'invoices')!;
      expect(letter.message).toEqual({ invoice: 'ف-۱۰۰۱' });
      expect(letter.attempts).toBe(2);
      expect(letter.history).toHaveLength(2);
      expect(letter.history[1].error).toContain('فاکتور نامعتبر');
      expect((letter as { id?: string }).id).toEqual(expect.any(String));
      const names = queue.names('invoices');
      // Handed over: the DLQ keeps nothing the store already holds.
      await waitFor(
        async () => (await channel.checkQueue(names.dlq)).messageCount === 0,
        5_000,
        'an empty DLQ',
      );
      await expect(channel.checkQueue(names.retry(100))).resolves.toMatchObject({ messageCount: 0 });
      // Work, retry and dead-letter queues are quorum queues: declaring one as classic is refused.
      for (const name of [names.work, names.retry(100), names.dlq]) {
        const probe = await connection.createChannel();
        probe.on('error', () => undefined);
        await expect(
          probe.assertQueue(name, { durable: true, arguments: { 'x-queue-type': 'classic' } }),
        ).rejects.toThrow(/406/);
      }
    });

    it('dead-letters a body that is not JSON at once, without calling the handler', async () => {
      let calls = 0;
      consumers.push(await queue.consume('raw', async () => void calls++));
      channel.sendToQueue(queue.names('raw').work, Buffer.from('not json {'), { persistent: true });
      await waitFor(() => harness.deadLetters.some((l) => l.topic === 'raw'), 10_000, 'the dead letter');
      expect(harness.deadLetters.find((l) => l.topic === 'raw')?.message).toBe('not json {');
      expect(calls).toBe(0);
    });

    it('refuses at once to use a queue that exists with other arguments', async () => {
      // Someone made <ns>.clash a classic queue: neither consume() nor publish() may pretend all is well.
      await channel.assertQueue(queue.names('clash').work, {
        durable: true,
        arguments: { 'x-queue-type': 'classic' },
      });
      await expect(queue.consume('clash', async () => undefined)).rejects.toMatchObject({
        code: 'QUEUE_UNAVAILABLE',
      });
      const started = Date.now();
      await expect(queue.publish('clash', { id: 1 })).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(5000);
      await expect(queue.ping()).resolves.toBeUndefined();
    });

    it('keeps a letter in the DLQ while the sink fails, and hands it over once the sink works', async () => {
      let failures = 3;
      const received: unknown[] = [];
      const flaky = rabbitHarness('flaky-sink', {
        deadLetters: async (letter) => {
          if (failures-- > 0) throw new Error('database unavailable');
          received.push(letter.message);
        },
      });
      try {
        const q = (await flaky.open()) as RabbitMqQueue;
        const c = await q.consume('pages', async () => Promise.reject(new Error('bad page')), {
          maxAttempts: 1,
        });
        await q.publish('pages', { seq: 7 });
        await waitFor(() => received.length === 1, 20_000, 'the letter after the sink recovered');
        expect(received).toEqual([{ seq: 7 }]);
        expect(failures).toBeLessThan(0);
        await c.stop();
      } finally {
        await flaky.cleanup();
      }
    }, 30_000);

    it('fails init() with QUEUE_UNAVAILABLE when no broker answers', async () => {
      const url = new URL(amqpUrl);
      url.port = '1';
      const dead = new RabbitMqQueue({
        url: url.toString(),
        logger: createSilentLogger(),
        deadLetters: async () => undefined,
        connectTimeoutMs: 300,
      });
      await expect(dead.init()).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
      await dead.close();
    });
  });
});
