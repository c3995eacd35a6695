import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../logging/logger.js';
import type { AmqpConnection, AmqpLink } from './rabbitmq-connection.js';
import { confirmedSend } from './rabbitmq-consumer.js';
import { readDeliveryState } from './rabbitmq-headers.js';
import { declareDeadLetterQueue, type TopicNames } from './rabbitmq-topology.js';
import type { DeadLetterSink } from './queue.js';
import { errorText, withJitter } from './retry-policy.js';

export interface DlqSweeperDeps {
  topic: string;
  names: TopicNames;
  deadLetters: DeadLetterSink;
  connection: AmqpConnection;
  logger: Logger;
  /** First wait after a failed hand-over; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Hands what lands in `<topic>.dlq` to the dead-letter sink (the store, which the desk shows), and
 * acks it only once the sink has it. A sink that fails (the database briefly down) leaves the letter
 * in the broker and is tried again later, so a dead-lettered page is never known to the broker alone.
 * A failed hand-over re-publishes the message to the DLQ's tail rather than requeueing it: quorum
 * queues count requeues against a delivery limit (RabbitMQ 4 drops at 20) and this may take long.
 * The sink is idempotent by the message id (dedupe key), so a crash between it and the ack is harmless.
 */
export class RabbitDlqSweeper {
  private channel?: ConfirmChannel;
  private attachedTo?: AmqpLink;
  private stopped = false;
  private unhook?: () => void;
  private failures = 0;
  private readonly inFlight = new Set<Promise<void>>();
  /** Pending waits; stop() runs them at once (each checks `stopped`) so nothing hangs. */
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly deps: DlqSweeperDeps) {}

  async start(): Promise<void> {
    this.unhook = this.deps.connection.addHook((link) => this.attach(link));
    const link = this.deps.connection.current();
    if (link) await this.attach(link);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unhook?.();
    const pending = [...this.timers];
    this.timers.clear();
    for (const [timer, fn] of pending) {
      clearTimeout(timer);
      fn();
    }
    await Promise.allSettled([...this.inFlight]);
    await this.channel?.close().catch(() => undefined);
    this.channel = undefined;
  }

  private async attach(link: AmqpLink): Promise<void> {
    if (this.stopped || (this.attachedTo === link && this.channel)) return;
    const ch = await link.model.createConfirmChannel();
    ch.on('error', (err: Error) => this.deps.logger.warn({ err }, 'RabbitMQ DLQ channel error'));
    ch.once('close', () => this.onClosed(ch, link));
    await declareDeadLetterQueue(ch, this.deps.names);
    await ch.prefetch(1);
    await ch.consume(this.deps.names.dlq, (msg) => this.onMessage(ch, msg), { noAck: false });
    if (this.stopped) {
      await ch.close().catch(() => undefined);
      return;
    }
    this.channel = ch;
    this.attachedTo = link;
  }

  private onClosed(ch: ConfirmChannel, link: AmqpLink): void {
    if (this.channel === ch) this.channel = undefined;
    if (this.stopped) return;
    this.later(withJitter(1000), () => {
      if (this.stopped || this.channel || this.deps.connection.current() !== link) return;
      this.attach(link).catch((err: unknown) => this.deps.logger.warn({ err }, 'DLQ re-attach failed'));
    });
  }

  private onMessage(ch: ConfirmChannel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      void ch.close().catch(() => undefined);
      return;
    }
    const run = this.handOver(ch, msg).catch((err: unknown) =>
      this.deps.logger.error({ err }, 'DLQ hand-over failed; the broker will redeliver the letter'),
    );
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async handOver(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const state = readDeliveryState(msg);
    const raw = msg.content.toString('utf8');
    let message: unknown = raw;
    try {
      message = JSON.parse(raw);
    } catch {
      // Kept as the raw text: the letter shows what arrived.
    }
    const id = typeof msg.properties.messageId === 'string' ? msg.properties.messageId : undefined;
    try {
      await this.deps.deadLetters({
        topic: this.deps.topic,
        message,
        attempts: state.attempt,
        history: state.history,
        ...(id ? { id } : {}),
      });
      this.failures = 0;
      ch.ack(msg);
    } catch (err) {
      const delay = this.backoff();
      this.deps.logger.error(
        { err: errorText(err), queue: this.deps.names.dlq, retryInMs: delay },
        'Dead-letter sink failed; the letter stays in the DLQ and is handed over again',
      );
      await new Promise<void>((resolve) => this.later(delay, resolve));
      if (this.stopped) return; // unacked: the broker redelivers it to the next sweeper
      const { headers, messageId, contentType, timestamp } = msg.properties;
      await confirmedSend(ch, this.deps.names.dlq, msg.content, {
        persistent: true,
        headers,
        ...(messageId ? { messageId } : {}),
        ...(contentType ? { contentType } : {}),
        ...(timestamp ? { timestamp } : {}),
      });
      ch.ack(msg);
    }
  }

  private backoff(): number {
    const initial = this.deps.initialDelayMs ?? 500;
    const max = this.deps.maxDelayMs ?? 60_000;
    return withJitter(Math.min(max, initial * 2 ** this.failures++));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.set(timer, fn);
  }
}
