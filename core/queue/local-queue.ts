import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import { LocalConsumer } from './local-queue-consumer.js';
import { LocalQueueStore } from './local-queue-store.js';
import type { ConsumeOptions, Consumer, DeadLetterSink, MessageHandler, Queue } from './queue.js';
import { assertTopic, resolveConsumeOptions, serialiseMessage } from './retry-policy.js';

export interface LocalQueueOptions {
  /** The store database (already initialised and migrated by its owner; this queue never closes it). */
  db: SqlDb;
  logger: Logger;
  deadLetters: DeadLetterSink;
  /** Fallback polling for messages published by other processes and for due retries. */
  pollIntervalMs?: number;
  /** How long a claimed message stays invisible to others if its consumer dies. Renewed while alive. */
  leaseMs?: number;
}

/**
 * The embedded default Queue: a durable table (`queue_messages`) in the store database, so a bare
 * machine needs no broker and a message survives a restart like any row. At-least-once, like RabbitMQ.
 */
export class LocalQueue implements Queue {
  readonly kind = 'local' as const;
  private readonly store: LocalQueueStore;
  private readonly logger: Logger;
  private readonly consumers = new Map<LocalConsumer, string>();

  constructor(private readonly options: LocalQueueOptions) {
    this.store = new LocalQueueStore(options.db);
    this.logger = options.logger.child({ component: 'local-queue' });
  }

  async init(): Promise<void> {
    await this.ping();
  }

  async close(): Promise<void> {
    const all = [...this.consumers.keys()];
    this.consumers.clear();
    await Promise.allSettled(all.map((c) => c.stop()));
  }

  async ping(): Promise<void> {
    try {
      await this.store.check();
    } catch (e) {
      throw new HamgamError(
        'QUEUE_UNAVAILABLE',
        'The queue table is not reachable (database down or not migrated)',
        undefined,
        { cause: e },
      );
    }
  }

  async publish(topic: string, message: unknown): Promise<void> {
    assertTopic(topic);
    await this.store.insert(topic, serialiseMessage(topic, message));
    // Same-process consumers need not wait for their next poll.
    for (const [consumer, consumerTopic] of this.consumers) if (consumerTopic === topic) consumer.wake();
  }

  async consume(topic: string, handler: MessageHandler, options?: ConsumeOptions): Promise<Consumer> {
    assertTopic(topic);
    const consumer = new LocalConsumer({
      topic,
      store: this.store,
      options: resolveConsumeOptions(options),
      handler,
      deadLetters: this.options.deadLetters,
      logger: this.logger.child({ topic }),
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      leaseMs: this.options.leaseMs ?? 60_000,
    });
    this.consumers.set(consumer, topic);
    consumer.start();
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
    };
  }

  async depth(topic: string): Promise<number> {
    assertTopic(topic);
    return this.store.depth(topic);
  }
}
