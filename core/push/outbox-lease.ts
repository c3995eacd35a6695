import type { SqlExecutor } from '../store/sql-db.js';
import { outboxColumns, toOutboxRow, type OutboxRow } from './outbox-rows.js';

/**
 * Leasing (ARCHITECTURE.md "Push"): a worker takes due 'ready' rows by stamping its owner and a lease
 * end on them, oldest place in line first (seq, migration 020: first-in first-out, also for orders
 * placed in the same millisecond). A row whose lease ran out (its worker crashed) is due again. The inner SELECT picks
 * candidates; the outer WHERE re-checks the lease, so on PostgreSQL two workers racing for the same
 * row cannot both win (READ COMMITTED re-evaluates it on the locked row); SQLite has one writer.
 */
export async function leaseDue(
  db: SqlExecutor,
  owner: string,
  options: { now: number; leaseMs: number; limit: number },
): Promise<OutboxRow[]> {
  const { now, leaseMs, limit } = options;
  const free = '(lease_until IS NULL OR lease_until < ?)';
  const rows = await db.query(
    `UPDATE push_outbox SET lease_owner = ?, lease_until = ? WHERE id IN (` +
      `SELECT id FROM push_outbox WHERE state = 'ready' AND next_attempt_at <= ? AND ${free} ` +
      `ORDER BY seq LIMIT ?) AND state = 'ready' AND ${free} ` +
      `RETURNING ${outboxColumns}`,
    [owner, now + leaseMs, now, now, limit, now],
  );
  return rows.map(toOutboxRow).sort((a, b) => a.seq - b.seq);
}

/** Extends this worker's lease on rows it still holds (a long Mahak call must not lose them). */
export async function renewLease(
  db: SqlExecutor,
  owner: string,
  ids: readonly string[],
  until: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  return db.run(
    `UPDATE push_outbox SET lease_until = ? WHERE lease_owner = ? AND id IN (${ids.map(() => '?').join(', ')})`,
    [until, owner, ...ids],
  );
}

export async function getOutboxRow(db: SqlExecutor, id: string): Promise<OutboxRow | undefined> {
  const rows = await db.query(`SELECT ${outboxColumns} FROM push_outbox WHERE id = ?`, [id]);
  return rows[0] ? toOutboxRow(rows[0]) : undefined;
}

/**
 * Person rows not (yet) in Mahak: an order of their customer must wait for them, or travel with them
 * (Person -> VisitorPerson -> Order, invariant 5). Few at any time, so the payloads are read whole.
 */
export async function unsentPersonRows(db: SqlExecutor): Promise<OutboxRow[]> {
  const rows = await db.query(
    `SELECT ${outboxColumns} FROM push_outbox WHERE kind = 'person' AND state IN ('held', 'ready', 'disputed', 'dead')`,
  );
  return rows.map(toOutboxRow);
}

/** PersonClientId -> PersonId of persons we already pushed. */
export async function knownPersonIds(
  db: SqlExecutor,
  clientIds: readonly number[],
): Promise<Map<number, number>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db.query<{ client_id: number; server_id: number }>(
    `SELECT client_id, server_id FROM push_outbox WHERE kind = 'person' AND state = 'sent' ` +
      `AND server_id IS NOT NULL AND client_id IN (${clientIds.map(() => '?').join(', ')})`,
    [...clientIds],
  );
  return new Map(rows.map((r) => [Number(r.client_id), Number(r.server_id)]));
}
