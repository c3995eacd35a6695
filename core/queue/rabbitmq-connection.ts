import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { sleep, withJitter } from './retry-policy.js';

/** One live connection: a generation number tells a stale link from the current one. */
export interface AmqpLink {
  readonly model: ChannelModel;
  /** Confirm channel for publish(): a publish resolves only after the broker confirmed it. */
  readonly publisher: ConfirmChannel;
  readonly generation: number;
}

/** Runs on every (re)connection: consumers re-declare their topology and consume again. */
export type LinkHook = (link: AmqpLink) => Promise<void>;

export interface AmqpConnectionOptions {
  url: string;
  logger: Logger;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * A self-healing AMQP connection. On loss (broker restart, network) it reconnects with exponential
 * backoff and jitter, for ever, until close(); callers wait for it with `ready()` (bounded).
 * amqplib is loaded lazily so the local-queue default never pays for it.
 */
export class AmqpConnection {
  private link?: AmqpLink;
  private generation = 0;
  private closing = false;
  private attempt = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly waiters = new Set<() => void>();
  private readonly hooks = new Set<LinkHook>();

  constructor(private readonly options: AmqpConnectionOptions) {}

  /** First connection: retries until `timeoutMs`, then QUEUE_UNAVAILABLE. */
  async open(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.connect();
        return;
      } catch (e) {
        const delay = this.nextDelay();
        if (this.closing || Date.now() + delay > deadline) throw unavailable('RabbitMQ is not reachable', e);
        this.options.logger.warn({ err: e, retryInMs: delay }, 'RabbitMQ connection failed; retrying');
        await sleep(delay);
      }
    }
  }

  /** The current link, waiting up to `timeoutMs` for a reconnection. */
  async ready(timeoutMs: number): Promise<AmqpLink> {
    if (this.link) return this.link;
    if (this.closing) throw unavailable('The queue is closed');
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.waiters.add(done);
    });
    if (!this.link) throw unavailable('RabbitMQ did not come back in time');
    return this.link;
  }

  current(): AmqpLink | undefined {
    return this.link;
  }

  /** Registers a hook for every later (re)connection. Returns the unregister function. */
  addHook(hook: LinkHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** A short-lived channel, so a failed declaration (a 406 closes the channel) harms nothing else. */
  async withChannel<T>(timeoutMs: number, fn: (ch: Channel) => Promise<T>): Promise<T> {
    const link = await this.ready(timeoutMs);
    const ch = await link.model.createChannel();
    ch.on('error', (err: Error) => this.options.logger.debug({ err }, 'RabbitMQ channel error'));
    try {
      return await fn(ch);
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    for (const wake of [...this.waiters]) wake();
    const link = this.link;
    this.link = undefined;
    if (link) await link.model.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const amqp = await import('amqplib');
    const model = await amqp.connect(withHeartbeat(this.options.url));
    // Set before the first await, so a close during the opening steps is not missed.
    const state: { alive: boolean; link?: AmqpLink } = { alive: true };
    model.on('error', (err: Error) => this.options.logger.warn({ err }, 'RabbitMQ connection error'));
    model.once('close', (err?: Error) => {
      state.alive = false;
      if (state.link) this.lost(state.link, err);
    });
    const publisher = await model.createConfirmChannel().catch(async (e: unknown) => {
      await model.close().catch(() => undefined);
      throw e;
    });
    if (!state.alive || this.closing) {
      await model.close().catch(() => undefined);
      throw unavailable('RabbitMQ connection closed while opening');
    }
    const link: AmqpLink = { model, publisher, generation: ++this.generation };
    state.link = link;
    this.watchPublisher(link);
    this.link = link;
    this.attempt = 0;
    for (const wake of [...this.waiters]) wake();
    for (const hook of this.hooks) await this.runHook(hook, link);
  }

  /** A channel-level error on the publisher (rare) resets the whole connection: simplest safe state. */
  private watchPublisher(link: AmqpLink): void {
    link.publisher.on('error', (err: Error) =>
      this.options.logger.warn({ err }, 'RabbitMQ publish channel error'),
    );
    link.publisher.once('close', () => {
      if (this.link === link && !this.closing) void link.model.close().catch(() => undefined);
    });
  }

  private async runHook(hook: LinkHook, link: AmqpLink): Promise<void> {
    try {
      await hook(link);
    } catch (err) {
      // The hook owner (a consumer) retries on its own channel's close; a dead connection re-runs it.
      this.options.logger.warn({ err }, 'RabbitMQ connection hook failed');
    }
  }

  private lost(link: AmqpLink, err?: Error): void {
    if (this.link !== link) return;
    this.link = undefined;
    if (this.closing) return;
    this.options.logger.warn({ err }, 'RabbitMQ connection lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const delay = this.nextDelay();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().then(
        () => this.options.logger.info({ generation: this.generation }, 'RabbitMQ reconnected'),
        (err: unknown) => {
          this.options.logger.warn({ err, retryInMs: delay }, 'RabbitMQ reconnect failed');
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private nextDelay(): number {
    const initial = this.options.initialDelayMs ?? 100;
    const max = this.options.maxDelayMs ?? 5000;
    return withJitter(Math.min(max, initial * 2 ** this.attempt++));
  }
}

export function unavailable(message: string, cause?: unknown): HamgamError {
  return new HamgamError(
    'QUEUE_UNAVAILABLE',
    message,
    undefined,
    cause === undefined ? undefined : { cause },
  );
}

/** A heartbeat notices a silently dead TCP connection (no RST) in seconds rather than minutes. */
function withHeartbeat(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', '15');
  return parsed.toString();
}
