import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { ClaimedMessage, LocalQueueStore } from './local-queue-store.js';
import type { Consumer, DeadLetterSink, MessageHandler } from './queue.js';
import {
  appendHistory,
  errorText,
  retryDelayMs,
  withJitter,
  type ResolvedConsumeOptions,
} from './retry-policy.js';

export interface LocalConsumerDeps {
  topic: string;
  store: LocalQueueStore;
  options: ResolvedConsumeOptions;
  handler: MessageHandler;
  deadLetters: DeadLetterSink;
  logger: Logger;
  pollIntervalMs: number;
  leaseMs: number;
}

/**
 * Polls its topic (and is woken at once by a publish in this process), keeps at most `prefetch`
 * messages leased, deletes a message only after its handler resolved. Leases of in-flight messages
 * are renewed while the process lives, so only a crashed consumer's messages come back to others.
 */
export class LocalConsumer implements Consumer {
  private readonly owner = `local-consumer:${process.pid}:${randomUUID()}`;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The running claim loop, if any: stop() waits for it so no claimed message is left unhandled. */
  private pumping?: Promise<void>;
  private wokenWhilePumping = false;
  private stopped = false;

  constructor(private readonly deps: LocalConsumerDeps) {}

  start(): void {
    this.every(this.deps.pollIntervalMs, () => this.wake());
    this.every(Math.max(50, Math.floor(this.deps.leaseMs / 3)), () => this.renewLeases());
    this.wake();
  }

  /** Claims as many messages as there are free slots. Safe to call any time, from anywhere. */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.wokenWhilePumping = true;
      return;
    }
    this.pumping = this.pump()
      .catch((err: unknown) =>
        this.deps.logger.warn(
          { err, topic: this.deps.topic },
          'Local queue claim failed; retrying on the next poll',
        ),
      )
      .finally(() => {
        this.pumping = undefined;
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.pumping;
    await Promise.allSettled([...this.inFlight]);
  }

  private async pump(): Promise<void> {
    for (;;) {
      this.wokenWhilePumping = false;
      const free = this.deps.options.prefetch - this.inFlight.size;
      if (free <= 0 || this.stopped) return;
      const claimed = await this.deps.store.claim(this.deps.topic, free, this.owner, this.deps.leaseMs);
      for (const message of claimed) this.track(message);
      if (claimed.length < free && !this.wokenWhilePumping) return;
    }
  }

  private track(message: ClaimedMessage): void {
    const run = this.deliver(message).catch((err: unknown) =>
      this.deps.logger.error(
        { err, topic: this.deps.topic, id: message.id },
        'Local queue bookkeeping failed; the lease will expire',
      ),
    );
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      this.wake();
    });
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    let payload: unknown;
    try {
      payload = JSON.parse(message.payload);
    } catch (e) {
      return this.deadLetter(message, message.payload, errorText(e));
    }
    try {
      const meta = {
        attempt: message.attempt,
        ...(message.lastError === undefined ? {} : { lastError: message.lastError }),
      };
      await this.deps.handler(payload, meta);
    } catch (e) {
      return this.failed(message, payload, errorText(e));
    }
    await this.deps.store.complete(message.id, this.owner);
  }

  private async failed(message: ClaimedMessage, payload: unknown, error: string): Promise<void> {
    if (message.attempt >= this.deps.options.maxAttempts) return this.deadLetter(message, payload, error);
    const delay = withJitter(retryDelayMs(this.deps.options.retryBaseMs, message.attempt));
    await this.deps.store.reschedule(message.id, this.owner, {
      attempt: message.attempt + 1,
      availableAt: Date.now() + delay,
      lastError: error,
      history: appendHistory(message.history, error),
    });
    // Precise retry timing in this process; polling is the fallback.
    this.after(delay, () => this.wake());
  }

  /**
   * The sink first, then the delete: if the sink fails, the message stays in the table and is tried
   * again later (invariant 6, nothing dropped silently); a crash in between hands it over twice, and
   * the sink keeps one letter per id.
   */
  private async deadLetter(message: ClaimedMessage, payload: unknown, error: string): Promise<void> {
    const history = appendHistory(message.history, error);
    try {
      await this.deps.deadLetters({
        topic: this.deps.topic,
        message: payload,
        attempts: message.attempt,
        history,
        id: `local:${message.id}`,
      });
    } catch (err) {
      const delay = withJitter(retryDelayMs(this.deps.options.retryBaseMs, message.attempt));
      this.deps.logger.error(
        { err, topic: this.deps.topic, id: message.id },
        'Dead-letter sink failed; message kept for another try',
      );
      await this.deps.store.reschedule(message.id, this.owner, {
        attempt: message.attempt,
        availableAt: Date.now() + delay,
        lastError: error,
        history,
      });
      return;
    }
    await this.deps.store.complete(message.id, this.owner);
    this.deps.logger.warn(
      { topic: this.deps.topic, attempts: message.attempt, error },
      'Message dead-lettered',
    );
  }

  private async renewLeases(): Promise<void> {
    if (this.inFlight.size === 0) return;
    await this.deps.store
      .renew(this.owner, this.deps.leaseMs)
      .catch((err: unknown) =>
        this.deps.logger.warn({ err, topic: this.deps.topic }, 'Local queue lease renewal failed'),
      );
  }

  /** Not unref'd: like an AMQP socket, a live consumer keeps a worker process running until stop(). */
  private every(ms: number, fn: () => void | Promise<void>): void {
    this.timers.add(setInterval(() => void fn(), ms));
  }

  private after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
