import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import type { Consumer } from '../../core/queue/queue.js';
import { RabbitMqQueue } from '../../core/queue/rabbitmq-queue.js';
import { amqpUrl, hasRabbitMq } from '../support/services.js';
import { runQueueContract, waitFor } from './queue-contract.js';
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
    });
    afterAll(async () => {
      for (const c of consumers) await c.stop();
      await connection?.close();
      await harness.cleanup();
    });

    it('moves an exhausted message to <topic>.dlq with its attempt headers, besides the sink', async () => {
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
      const names = queue.names('invoices');
      const msg = await channel.get(names.dlq, { noAck: true });
      expect(msg).not.toBe(false);
      if (msg === false) return;
      expect(JSON.parse(msg.content.toString('utf8'))).toEqual({ invoice: 'ف-۱۰۰۱' });
      expect(msg.properties.deliveryMode).toBe(2);
      expect(msg.properties.messageId).toEqual(expect.any(String));
      const headers = msg.properties.headers ?? {};
      expect(headers['x-hamgam-attempt']).toBe(2);
      expect(headers['x-hamgam-last-error']).toContain('فاکتور نامعتبر');
      expect(JSON.parse(String(headers['x-hamgam-history']))).toHaveLength(2);
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
