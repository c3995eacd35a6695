import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { Logger } from '../logging/logger.js';
import { unavailable, type AmqpConnection, type AmqpLink } from './rabbitmq-connection.js';
import { failedMessageOptions, readDeliveryState, type DeliveryState } from './rabbitmq-headers.js';
import { declareConsumerTopology, type TopicNames } from './rabbitmq-topology.js';
import type { Consumer, MessageHandler } from './queue.js';
import {
  errorText,
  retryDelayMs,
  retryDelays,
  withJitter,
  type ResolvedConsumeOptions,
} from './retry-policy.js';

export interface RabbitConsumerDeps {
  topic: string;
  names: TopicNames;
  options: ResolvedConsumeOptions;
  handler: MessageHandler;
  connection: AmqpConnection;
  logger: Logger;
}

/**
 * One consumer on its own confirm channel (prefetch is per channel). A delivery is acked only after
 * the handler resolved, or after it was re-published — confirmed — to a retry queue or the DLQ; so
 * a poison message leaves the work queue at once and never blocks the messages behind it, and a
 * connection lost mid-way means a redelivery (at-least-once), never a loss.
 */
export class RabbitConsumer implements Consumer {
  private channel?: ConfirmChannel;
  private attachedTo?: AmqpLink;
  private consumerTag?: string;
  private stopped = false;
  private unhook?: () => void;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: RabbitConsumerDeps) {}

  /** Fails (QUEUE_UNAVAILABLE) if the first attach fails, e.g. a queue exists with other arguments. */
  async start(): Promise<void> {
    this.unhook = this.deps.connection.addHook((link) => this.attach(link));
    const link = this.deps.connection.current();
    if (!link) return; // attached by the hook once the connection is back
    try {
      await this.attach(link);
    } catch (e) {
      await this.stop();
      throw unavailable(`Cannot consume from ${this.deps.names.work}`, e);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unhook?.();
    const ch = this.channel;
    if (ch && this.consumerTag) await ch.cancel(this.consumerTag).catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    if (ch) await ch.close().catch(() => undefined);
    this.channel = undefined;
  }

  /** (Re)declares the topology and consumes on a fresh channel of `link`. Idempotent per link. */
  private async attach(link: AmqpLink): Promise<void> {
    if (this.stopped || (this.attachedTo === link && this.channel)) return;
    const ch = await link.model.createConfirmChannel();
    ch.on('error', (err: Error) => this.deps.logger.warn({ err }, 'RabbitMQ consumer channel error'));
    ch.once('close', () => this.onChannelClosed(ch, link));
    await declareConsumerTopology(ch, this.deps.names, retryDelays(this.deps.options));
    await ch.prefetch(this.deps.options.prefetch);
    const reply = await ch.consume(this.deps.names.work, (msg) => this.onMessage(ch, msg), { noAck: false });
    if (this.stopped) {
      await ch.close().catch(() => undefined);
      return;
    }
    this.channel = ch;
    this.attachedTo = link;
    this.consumerTag = reply.consumerTag;
    this.deps.logger.info(
      { queue: this.deps.names.work, generation: link.generation },
      'RabbitMQ consumer attached',
    );
  }

  /**
   * A closed channel on a live connection (a channel error, a deleted queue) is re-attached after a
   * pause; on a lost connection the connection's hook re-attaches once it is back.
   */
  private onChannelClosed(ch: ConfirmChannel, link: AmqpLink): void {
    if (this.channel === ch) this.channel = undefined;
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped || this.channel || this.deps.connection.current() !== link) return;
      this.attach(link).catch((err: unknown) =>
        this.deps.logger.warn({ err }, 'RabbitMQ consumer re-attach failed'),
      );
    }, withJitter(1000)).unref();
  }

  private onMessage(ch: ConfirmChannel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      // The broker cancelled us (queue deleted): closing the channel triggers the re-attach.
      void ch.close().catch(() => undefined);
      return;
    }
    const run = this.deliver(ch, msg).catch((err: unknown) =>
      this.deps.logger.error(
        { err, queue: this.deps.names.work },
        'RabbitMQ delivery handling failed; it will be redelivered',
      ),
    );
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async deliver(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const state = readDeliveryState(msg);
    const raw = msg.content.toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch (e) {
      // Unparseable can never succeed: straight to the dead letters, with the raw text as the message.
      return this.deadLetter(ch, msg, { ...state, attempt: this.deps.options.maxAttempts }, errorText(e));
    }
    try {
      await this.deps.handler(message, {
        attempt: state.attempt,
        ...(state.lastError ? { lastError: state.lastError } : {}),
      });
    } catch (e) {
      return this.failed(ch, msg, message, state, errorText(e));
    }
    ch.ack(msg);
  }

  private async failed(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    message: unknown,
    state: DeliveryState,
    error: string,
  ): Promise<void> {
    if (state.attempt >= this.deps.options.maxAttempts) return this.deadLetter(ch, msg, state, error);
    const delay = retryDelayMs(this.deps.options.retryBaseMs, state.attempt);
    const options = failedMessageOptions(msg, state, error, state.attempt + 1);
    await confirmedSend(ch, this.deps.names.retry(delay), msg.content, options);
    ch.ack(msg);
    this.deps.logger.debug(
      { queue: this.deps.names.work, attempt: state.attempt, retryInMs: delay, error },
      'Message failed; retry scheduled',
    );
  }

  /**
   * To the DLQ (confirmed), then acked. The DLQ's sweeper (rabbitmq-dlq-sweeper.ts) hands the letter to
   * the sink and keeps it in the broker until the sink has it, so the desk learns of every letter.
   */
  private async deadLetter(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    state: DeliveryState,
    error: string,
  ): Promise<void> {
    const options = failedMessageOptions(msg, state, error, state.attempt);
    await confirmedSend(ch, this.deps.names.dlq, msg.content, options);
    ch.ack(msg);
    this.deps.logger.warn(
      { queue: this.deps.names.dlq, attempts: state.attempt, error },
      'Message dead-lettered',
    );
  }
}

/** Resolves when the broker confirmed the message; rejects on a nack or a closed channel. */
export function confirmedSend(
  ch: ConfirmChannel,
  queue: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      ch.sendToQueue(queue, content, options, (err: unknown) =>
        err
          ? reject(err instanceof Error ? err : new Error(`Broker refused the message: ${String(err)}`))
          : resolve(),
      );
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
