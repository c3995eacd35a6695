import { randomBytes } from 'node:crypto';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { RabbitMqQueue, type RabbitMqQueueOptions } from '../../core/queue/rabbitmq-queue.js';
import { deleteQueues } from '../support/rabbit-cleanup.js';
import { amqpUrl } from '../support/services.js';
import { acquireBrokerLock } from './broker-lock.js';
import type { DeadLetter, QueueHarness } from './queue-contract.js';

/** A namespace no other run uses, so parallel runs and leftovers never meet. */
export const uniqueNamespace = (label: string) =>
  `hamgam-test-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

export function rabbitHarness(
  label: string,
  extra: Partial<RabbitMqQueueOptions> = {},
): QueueHarness & { namespace: string; instances: RabbitMqQueue[] } {
  const namespace = uniqueNamespace(label);
  const deadLetters: DeadLetter[] = [];
  const instances: RabbitMqQueue[] = [];
  // Held from the first open() to cleanup(): see broker-lock.ts.
  let lock: Promise<() => Promise<void>> | undefined;
  return {
    namespace,
    instances,
    deadLetters,
    async open() {
      lock ??= acquireBrokerLock({ exclusive: label === 'restart' });
      await lock;
      const queue = new RabbitMqQueue({
        url: amqpUrl,
        logger: createSilentLogger(),
        namespace,
        deadLetters: async (letter) => void deadLetters.push(letter),
        ...extra,
      });
      instances.push(queue);
      await queue.init();
      return queue;
    },
    async cleanup() {
      try {
        await Promise.allSettled(instances.map((q) => q.close()));
        await deleteQueues(instances.flatMap((q) => q.queueNames()));
      } finally {
        if (lock) await (await lock)();
        lock = undefined;
      }
    },
  };
}
