import type { Client } from 'pg';
import type { Logger } from '../logging/logger.js';
import type { ListenHandlers } from './sql-db.js';

const firstRetryMs = 250;
const lastRetryMs = 5_000;

/**
 * LISTEN on one channel from a dedicated connection (a pooled one would be handed to others and its
 * LISTEN lost with it), opened again after any loss — a PostgreSQL restart, a failover,
 * pg_terminate_backend — with a growing pause. Notifications sent while no connection listens are
 * gone for good, which is why onLost and onListening tell the caller when to stop and start trusting
 * them. stop() ends it for good (one last onLost, no retry).
 */
export class PostgresListener {
  private client: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryMs = firstRetryMs;
  private stopped = false;

  constructor(
    private readonly newClient: () => Client,
    private readonly channel: string,
    private readonly handlers: ListenHandlers,
    private readonly logger: Logger,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    // Heard no more: whoever trusted the notifications must stop now.
    this.handlers.onLost();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = this.newClient();
    this.client = client;
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost || this.stopped) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.logger.warn({ channel: this.channel, err: err?.message }, 'notification connection lost');
      this.handlers.onLost(err);
      this.retry();
    };
    // Heard from the first moment: an unheard 'error' on a client kills the process.
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (m) => {
      if (!lost && m.channel === this.channel) this.handlers.onMessage(m.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (e) {
      onLost(e as Error);
      return;
    }
    if (lost || this.stopped) return;
    this.retryMs = firstRetryMs;
    this.handlers.onListening();
  }

  private retry(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    // Never what keeps a process alive.
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, lastRetryMs);
  }
}
