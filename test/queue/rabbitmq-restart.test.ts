import { execFile, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logging/pino-logger.js';
import type { Consumer, Queue } from '../../core/queue/queue.js';
import { RabbitMqQueue } from '../../core/queue/rabbitmq-queue.js';
import { amqpUrl, hasRabbitMq } from '../support/services.js';
import { brokerLockHookTimeoutMs } from './broker-lock.js';
import { waitFor } from './queue-contract.js';
import { rabbitHarness } from './rabbitmq-harness.js';

/**
 * Restarts the broker app under a live stream of messages. rabbitmqctl must control the broker at
 * HAMGAM_TEST_AMQP_URL; with a dockerised broker set HAMGAM_TEST_RABBITMQCTL="docker exec <c> rabbitmqctl".
 */
const ctl = (process.env.HAMGAM_TEST_RABBITMQCTL ?? 'rabbitmqctl').split(' ');
const canControlBroker =
  hasRabbitMq && spawnSync(ctl[0], [...ctl.slice(1), 'status'], { stdio: 'ignore' }).status === 0;
const run = promisify(execFile);
const rabbitmqctl = (command: string) => run(ctl[0], [...ctl.slice(1), command], { timeout: 60_000 });

describe.skipIf(!canControlBroker)('RabbitMQ queue across a broker restart', () => {
  const logLines: { msg: string }[] = [];
  const logSink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logLines.push(JSON.parse(line) as { msg: string });
      done();
    },
  });
  const harness = rabbitHarness('restart', {
    publishTimeoutMs: 30_000,
    reconnectMaxDelayMs: 1000,
    logger: createLogger('info', logSink),
  });
  let queue: Queue;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    queue = await harness.open(); // waits for the other RabbitMQ test files (broker-lock.ts)
    // Exclusive: it waits until every other RabbitMQ file is done, a crash test among them.
  }, brokerLockHookTimeoutMs);
  afterAll(async () => {
    // Whatever happened above, the broker must be running for everything after this file.
    await rabbitmqctl('start_app').catch(() => undefined);
    await consumer?.stop();
    await harness.cleanup();
  }, 60_000);

  it('reconnects by itself; every message is applied exactly once', async () => {
    const total = 300;
    const applied = new Map<number, number>();
    const claimed = new Set<number>();
    let redelivered = 0;
    consumer = await queue.consume(
      'orders',
      async (m) => {
        const { id } = m as { id: number };
        // The idempotency check the real consumer gets from its upsert: keyed by message id, and
        // claimed before the first await (check and claim in one step, as a unique key does), so two
        // deliveries of one message in flight at once cannot both pass it.
        if (claimed.has(id)) {
          redelivered++;
          return;
        }
        claimed.add(id);
        try {
          await new Promise((r) => setTimeout(r, 2));
        } catch (e) {
          claimed.delete(id); // not applied: a redelivery must be free to apply it
          throw e;
        }
        applied.set(id, (applied.get(id) ?? 0) + 1);
      },
      { prefetch: 10 },
    );

    let appliedAtLoss: number | undefined;
    const lost = () => logLines.some((l) => l.msg === 'RabbitMQ connection lost; reconnecting');
    const publishing = (async () => {
      for (let id = 1; id <= total; id += 5) {
        // Past the first hundred, wait for the broker to go: the outage must fall mid-stream however
        // slowly rabbitmqctl starts on a loaded machine.
        if (id > 100 && appliedAtLoss === undefined) {
          await waitFor(lost, 60_000, 'the broker to go away');
          appliedAtLoss = applied.size;
        }
        // Five in flight at once, so some are unconfirmed when the broker goes away.
        await Promise.all(
          [0, 1, 2, 3, 4].map((k) => queue.publish('orders', { id: id + k, customer: 'مشتری ' + (id + k) })),
        );
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    await waitFor(() => applied.size >= 60, 10_000, 'the stream to get going');
    try {
      await rabbitmqctl('stop_app');
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await rabbitmqctl('start_app');
    }
    await publishing;
    await waitFor(() => applied.size === total, 30_000, `all ${total} messages (have ${applied.size})`);

    // The driver noticed the loss and came back on its own (nobody called init() again).
    expect(lost()).toBe(true);
    // Logged once the reconnection's hooks (the consumers re-attaching) have run, which may be a moment
    // after the messages they deliver were applied: wait for it rather than race it.
    await waitFor(
      () => logLines.some((l) => l.msg === 'RabbitMQ reconnected'),
      20_000,
      'the reconnected log',
    );
    expect(appliedAtLoss).toBeLessThan(total);
    expect([...applied.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    await waitFor(async () => (await queue.depth('orders')) === 0, 10_000, 'an empty work queue');
    // Redeliveries are allowed (at-least-once); the idempotency check made them harmless.
    console.info(`broker restart: ${appliedAtLoss} applied before, ${redelivered} redelivered`);
  }, 60_000);

  it('gives up a publish with QUEUE_UNAVAILABLE after publishTimeoutMs while the broker stays down', async () => {
    const impatient = new RabbitMqQueue({
      url: amqpUrl,
      namespace: harness.namespace,
      logger: createLogger('silent'),
      deadLetters: async () => undefined,
      publishTimeoutMs: 800,
      reconnectMaxDelayMs: 1000,
    });
    harness.instances.push(impatient);
    await impatient.init();
    try {
      await rabbitmqctl('stop_app');
      const started = Date.now();
      await expect(impatient.publish('impatient', { id: 1 })).rejects.toMatchObject({
        code: 'QUEUE_UNAVAILABLE',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await rabbitmqctl('start_app');
    }
    // And it is usable again once it reconnected by itself.
    await waitFor(
      () =>
        impatient.ping().then(
          () => true,
          () => false,
        ),
      15_000,
      'the reconnection',
    );
    await impatient.publish('impatient', { id: 2 });
    expect(await impatient.depth('impatient')).toBe(1);
  }, 30_000);
});
