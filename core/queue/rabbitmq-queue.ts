import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { AmqpConnection, unavailable } from './rabbitmq-connection.js';
import { confirmedSend, RabbitConsumer } from './rabbitmq-consumer.js';
import { RabbitDlqSweeper } from './rabbitmq-dlq-sweeper.js';
import { freshMessageOptions } from './rabbitmq-headers.js';
import { declareRetryQueue, declareWorkQueue, topicNames, type TopicNames } from './rabbitmq-topology.js';
import type { ConsumeOptions, Consumer, DeadLetterSink, MessageHandler, Queue } from './queue.js';
import { assertTopic, resolveConsumeOptions, retryDelays, serialiseMessage, sleep } from './retry-policy.js';

export interface RabbitMqQueueOptions {
  url: string;
  logger: Logger;
  deadLetters: DeadLetterSink;
  /** Prefix of every queue name (`<namespace>.<topic>`); tests use a unique one. Default 'hamgam'. */
  namespace?: string;
  /** How long publish() waits for a lost connection to come back before QUEUE_UNAVAILABLE. */
  publishTimeoutMs?: number;
  /** How long init() keeps trying to reach the broker. */
  connectTimeoutMs?: number;
  reconnectMaxDelayMs?: number;
}

/** The scale-out Queue driver: RabbitMQ quorum queues, publisher confirms, retry queues, a DLQ. */
export class RabbitMqQueue implements Queue {
  readonly kind = 'rabbitmq' as const;
  private readonly connection: AmqpConnection;
  private readonly logger: Logger;
  private readonly consumers = new Set<RabbitConsumer>();
  /** One per topic this instance consumes: moves its DLQ into the dead-letter sink. */
  private readonly sweepers = new Map<string, RabbitDlqSweeper>();
  /** Work queues declared on the current connection generation (publish must not hit a missing queue). */
  private declared = { generation: -1, topics: new Set<string>() };
  /** Retry delays of this instance's consumers per topic: depth() counts those retry queues too. */
  private readonly retryDelaysByTopic = new Map<string, Set<number>>();
  private readonly declaredQueues = new Set<string>();

  constructor(private readonly options: RabbitMqQueueOptions) {
    this.logger = options.logger.child({ component: 'rabbitmq-queue' });
    this.connection = new AmqpConnection({
      url: options.url,
      logger: this.logger,
      maxDelayMs: options.reconnectMaxDelayMs,
    });
  }

  async init(): Promise<void> {
    await this.connection.open(this.options.connectTimeoutMs ?? 10_000);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
    await Promise.allSettled([...this.sweepers.values()].map((s) => s.stop()));
    this.sweepers.clear();
    await this.connection.close();
  }

  async ping(): Promise<void> {
    await this.connection.withChannel(1000, async () => undefined);
  }

  /**
   * Resolves once the broker confirmed the (persistent) message. Through a connection loss it waits
   * for the reconnection, up to publishTimeoutMs, and sends again: a duplicate is possible, a loss is not.
   */
  async publish(topic: string, message: unknown): Promise<void> {
    assertTopic(topic);
    const content = Buffer.from(serialiseMessage(topic, message), 'utf8');
    const options = freshMessageOptions(randomUUID());
    const deadline = Date.now() + (this.options.publishTimeoutMs ?? 30_000);
    for (;;) {
      try {
        const link = await this.connection.ready(deadline - Date.now());
        await this.ensureWorkQueue(topic, link.generation);
        await confirmedSend(link.publisher, this.names(topic).work, content, options);
        return;
      } catch (e) {
        if (Date.now() >= deadline || isPermanent(e)) throw unavailable(`Publishing to ${topic} failed`, e);
        this.logger.warn({ err: e, topic }, 'Publish failed; retrying after reconnection');
        await sleep(200);
      }
    }
  }

  async consume(topic: string, handler: MessageHandler, options?: ConsumeOptions): Promise<Consumer> {
    assertTopic(topic);
    const resolved = resolveConsumeOptions(options);
    const names = this.names(topic);
    this.rememberRetryDelays(topic, retryDelays(resolved));
    for (const name of [names.work, names.dlq, ...retryDelays(resolved).map(names.retry)])
      this.declaredQueues.add(name);
    const consumer = new RabbitConsumer({
      topic,
      names,
      options: resolved,
      handler,
      connection: this.connection,
      logger: this.logger.child({ topic }),
    });
    await consumer.start();
    this.consumers.add(consumer);
    await this.sweep(topic);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
    };
  }

  /** Ready messages in the work queue plus those waiting in the retry queues this instance knows. */
  async depth(topic: string): Promise<number> {
    assertTopic(topic);
    const names = this.names(topic);
    this.declaredQueues.add(names.work);
    return this.connection.withChannel(5000, async (ch) => {
      let total = await declareWorkQueue(ch, names);
      for (const delay of this.retryDelaysByTopic.get(topic) ?? [])
        total += await declareRetryQueue(ch, names, delay);
      return total;
    });
  }

  /** Queue names of a topic under this instance's namespace. */
  names(topic: string): TopicNames {
    return topicNames(this.options.namespace ?? 'hamgam', topic);
  }

  private async ensureWorkQueue(topic: string, generation: number): Promise<void> {
    if (this.declared.generation !== generation) this.declared = { generation, topics: new Set() };
    if (this.declared.topics.has(topic)) return;
    await this.connection.withChannel(5000, (ch) => declareWorkQueue(ch, this.names(topic)));
    this.declared.topics.add(topic);
    this.declaredQueues.add(this.names(topic).work);
  }

  private async sweep(topic: string): Promise<void> {
    if (this.sweepers.has(topic)) return;
    const sweeper = new RabbitDlqSweeper({
      topic,
      names: this.names(topic),
      deadLetters: this.options.deadLetters,
      connection: this.connection,
      logger: this.logger.child({ topic, role: 'dlq' }),
    });
    this.sweepers.set(topic, sweeper);
    await sweeper.start();
  }

  /** Names of every queue this instance declared (tests delete them afterwards). */
  queueNames(): string[] {
    return [...this.declaredQueues];
  }

  private rememberRetryDelays(topic: string, delays: number[]): void {
    const known = this.retryDelaysByTopic.get(topic) ?? new Set<number>();
    for (const d of delays) known.add(d);
    this.retryDelaysByTopic.set(topic, known);
  }
}

/** 406 PRECONDITION_FAILED (a queue exists with other arguments) will not heal by waiting. */
function isPermanent(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 406;
}
