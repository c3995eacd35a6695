import type { SqlExecutor } from '../store/sql-db.js';
import { parseHistory, type AttemptRecord } from './retry-policy.js';

/** A claimed row of `queue_messages` (migration 003-queue). */
export interface ClaimedMessage {
  id: number;
  payload: string;
  attempt: number;
  lastError?: string;
  history: AttemptRecord[];
}

interface ClaimedRow {
  id: number | string;
  payload: string;
  attempt: number | string;
  last_error: string | null;
  history: string | null;
}

/**
 * The SQL of the local queue, in the SQLite/PostgreSQL common subset. Every change to a claimed row
 * is guarded by `locked_by = owner`: if our lease ran out and another consumer took the message, our
 * late write touches nothing (that consumer now owns the outcome).
 */
export class LocalQueueStore {
  constructor(private readonly db: SqlExecutor) {}

  async insert(topic: string, payload: string, now = Date.now()): Promise<void> {
    await this.db.run(
      "INSERT INTO queue_messages (topic, payload, attempt, available_at, locked_until, history, created_at) VALUES (?, ?, 1, ?, 0, '[]', ?)",
      [topic, payload, now, now],
    );
  }

  /**
   * Leases up to `limit` due messages, oldest id first. One statement, so it is atomic on both
   * databases; the outer `locked_until <= ?` is re-checked by PostgreSQL on rows a concurrent claimer
   * changed meanwhile, so two consumers never hold the same message. An expired lease (a crashed
   * consumer) makes the message claimable again.
   */
  async claim(
    topic: string,
    limit: number,
    owner: string,
    leaseMs: number,
    now = Date.now(),
  ): Promise<ClaimedMessage[]> {
    const rows = await this.db.query<ClaimedRow>(
      'UPDATE queue_messages SET locked_until = ?, locked_by = ? WHERE id IN (' +
        'SELECT id FROM queue_messages WHERE topic = ? AND available_at <= ? AND locked_until <= ? ORDER BY id LIMIT ?' +
        ') AND locked_until <= ? RETURNING id, payload, attempt, last_error, history',
      [now + leaseMs, owner, topic, now, now, limit, now],
    );
    return rows
      .map((r) => ({
        id: Number(r.id),
        payload: r.payload,
        attempt: Number(r.attempt),
        ...(r.last_error === null ? {} : { lastError: r.last_error }),
        history: parseHistory(r.history),
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Keeps the leases of a live consumer's in-flight messages from running out. */
  async renew(owner: string, leaseMs: number, now = Date.now()): Promise<void> {
    await this.db.run('UPDATE queue_messages SET locked_until = ? WHERE locked_by = ? AND locked_until > ?', [
      now + leaseMs,
      owner,
      now,
    ]);
  }

  async complete(id: number, owner: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM queue_messages WHERE id = ? AND locked_by = ?', [id, owner])) > 0;
  }

  /** Frees the message for another attempt at `availableAt`, recording the failure. */
  async reschedule(
    id: number,
    owner: string,
    change: { attempt: number; availableAt: number; lastError: string; history: AttemptRecord[] },
  ): Promise<boolean> {
    const changed = await this.db.run(
      'UPDATE queue_messages SET attempt = ?, available_at = ?, locked_until = 0, locked_by = NULL, last_error = ?, history = ? ' +
        'WHERE id = ? AND locked_by = ?',
      [change.attempt, change.availableAt, change.lastError, JSON.stringify(change.history), id, owner],
    );
    return changed > 0;
  }

  /** Waiting messages: due or scheduled for a retry, not counting those leased right now. */
  async depth(topic: string, now = Date.now()): Promise<number> {
    const rows = await this.db.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM queue_messages WHERE topic = ? AND locked_until <= ?',
      [topic, now],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Fails when the table is missing (migrations not run) or the database is gone. */
  async check(): Promise<void> {
    await this.db.query('SELECT id FROM queue_messages WHERE id = -1');
  }
}
