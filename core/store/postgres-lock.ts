import { createHash } from 'node:crypto';
import type { Client, ClientConfig } from 'pg';
import type { Logger } from '../logging/logger.js';

/** Advisory lock key of a lock name: the first 8 bytes of its SHA-256 as a signed int8. */
export function advisoryKeyOf(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest().readBigInt64BE(0).toString();
}

interface Held {
  owner: string;
  client: Client;
  lost: boolean;
}

/**
 * PostgreSQL advisory locks, each held by its own dedicated connection (not a pooled one, which would
 * be handed to someone else). The server releases the lock when that connection ends, so a crashed
 * holder frees it at once; a lost connection therefore means a lost lock, and the next renewal says so.
 */
export class PostgresLocks {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly newClient: () => Client,
    private readonly logger: Logger,
  ) {}

  async tryAcquire(name: string, owner: string): Promise<boolean> {
    const current = this.held.get(name);
    if (current) {
      // Advisory locks are re-entrant per session, so another owner in this process is refused here.
      if (current.owner !== owner) return false;
      if (!current.lost && (await this.alive(current))) return true;
      this.held.delete(name);
      await current.client.end().catch(() => undefined);
    }
    const client = this.newClient();
    const entry: Held = { owner, client, lost: false };
    // Heard from the first moment, not only once the lock is had: the server ending the connection
    // while it is being opened or asked for the lock (a restart: "terminating connection due to
    // administrator command") emits 'error' on the client, which unheard kills the process (chaos
    // seed 140307, a pusher renewing its lock). The attempt then fails like any lost connection.
    client.on('error', (e: Error) => {
      entry.lost = true;
      if (this.held.get(name) === entry)
        this.logger.warn({ lock: name, err: e.message }, 'lock connection lost; the lock is gone');
    });
    try {
      await client.connect();
      const [row] = (
        await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
          advisoryKeyOf(name),
        ])
      ).rows;
      if (!row.ok) {
        await client.end();
        return false;
      }
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    this.held.set(name, entry);
    return true;
  }

  async release(name: string, owner: string): Promise<void> {
    const current = this.held.get(name);
    if (!current || current.owner !== owner) return;
    this.held.delete(name);
    try {
      if (!current.lost)
        await current.client.query('SELECT pg_advisory_unlock($1::bigint)', [advisoryKeyOf(name)]);
    } finally {
      await current.client.end().catch(() => undefined);
    }
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.entries()].map(([name, h]) => this.release(name, h.owner)));
  }

  private async alive(h: Held): Promise<boolean> {
    try {
      await h.client.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}

export type { ClientConfig };
