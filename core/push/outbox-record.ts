import type { PushPayload } from '../contracts/orders.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { jsonParam } from '../store/sql-values.js';
import { withEntry, type AttemptEntry, type OutboxRow } from './outbox-rows.js';

/**
 * State changes of leased outbox rows. Each one clears the lease and appends to the attempt history.
 * `attempt_started_at` is the exactly-once latch (invariant 5): set before a SaveAllData call, cleared
 * only when the outcome is recorded as definitely in Mahak (sent) or definitely not (keepInDoubt false).
 */

/**
 * Lease guard (issue 8): a worker changes a row only while its lease is its own. A stale worker (its
 * lease ran out and another took the row) changes nothing: the caller sees 0 rows and stops.
 * Without `owner` (staff actions in the desk) the row is changed whoever leases it.
 */
function guard(owner: string | undefined): { sql: string; params: unknown[] } {
  return owner === undefined ? { sql: '', params: [] } : { sql: ' AND lease_owner = ?', params: [owner] };
}

/** Stamped (and committed) BEFORE the request leaves: a crash from here on leaves the row "in doubt". */
export async function startAttempts(
  db: SqlExecutor,
  rows: readonly OutboxRow[],
  facts: {
    now: number;
    readbackFrom: number;
    clientIdOf: (row: OutboxRow) => number | null;
    /**
     * This worker: every row must still be leased by it. A lease that ran out but was not taken is
     * still ours: only a worker holding the push lock (checked just before) could take it.
     */
    owner: string;
  },
): Promise<void> {
  if (rows.length === 0) return;
  const { now, readbackFrom } = facts;
  const ids = rows.map((r) => r.id);
  const marks = ids.map(() => '?').join(', ');
  // One statement for the batch. The floor only ever goes down: an earlier attempt's order, if saved,
  // lies above the older floor.
  const stamped = await db.run(
    'UPDATE push_outbox SET attempts = attempts + 1, attempt_started_at = ?, updated_at = ?, ' +
      `readback_from = CASE WHEN readback_from IS NULL OR readback_from > ? THEN ? ELSE readback_from END WHERE id IN (${marks}) ` +
      'AND lease_owner = ?',
    [now, now, readbackFrom, readbackFrom, ...ids, facts.owner],
  );
  // A row leased by someone else must not be sent by us: the caller's transaction
  // rolls back and the worker stops before the request leaves.
  if (stamped !== rows.length) throw leaseLost(rows.length - stamped);
  const fresh = rows.flatMap((r) => {
    const clientId = r.clientId === null ? facts.clientIdOf(r) : null;
    return clientId === null ? [] : [{ row: r, clientId }];
  });
  if (fresh.length > 0) {
    await db.run(
      `UPDATE push_outbox SET client_id = CASE id ${fresh.map(() => 'WHEN ? THEN CAST(? AS BIGINT)').join(' ')} END ` +
        `WHERE id IN (${fresh.map(() => '?').join(', ')})`,
      [...fresh.flatMap((f) => [f.row.id, f.clientId]), ...fresh.map((f) => f.row.id)],
    );
  }
  for (const row of rows) {
    const floor = row.readbackFrom === null ? readbackFrom : Math.min(row.readbackFrom, readbackFrom);
    Object.assign(row, { attempts: row.attempts + 1, attemptStartedAt: now, readbackFrom: floor });
  }
  for (const f of fresh) f.row.clientId = f.clientId;
}

export function leaseLost(rows: number): HamgamError {
  return new HamgamError('CONFLICT', `push lease lost on ${rows} outbox row(s): this worker stops`, {
    leaseLost: rows,
  });
}

export async function recordSent(
  tx: SqlExecutor,
  row: OutboxRow,
  facts: { now: number; serverId: number | null; entry: AttemptEntry; owner?: string },
): Promise<number> {
  const g = guard(facts.owner);
  return tx.run(
    "UPDATE push_outbox SET state = 'sent', server_id = COALESCE(?, server_id), sent_at = ?, " +
      'attempt_started_at = NULL, lease_owner = NULL, lease_until = NULL, last_error = NULL, history = ?, ' +
      `updated_at = ? WHERE id = ?${g.sql}`,
    [
      facts.serverId,
      facts.now,
      jsonParam(withEntry(row.history, facts.entry)),
      facts.now,
      row.id,
      ...g.params,
    ],
  );
}

export interface RetryFacts {
  now: number;
  delayMs: number;
  entry: AttemptEntry;
  /** Possibly stored in Mahak: read it back before any resend. */
  keepInDoubt: boolean;
  /** The failure was not the item's own (a neighbour's rejection, a missing parent): give the attempt back. */
  uncount?: boolean;
  /** A new payload (the next revision) for the resend. */
  payload?: PushPayload;
  /** Mahak said yes to the order: remember when (first time) and its EntityId; no resend from now on. */
  accepted?: { id: number | null };
  /** The invoice is in Mahak without its payment (migration 014): only the payment is sent from now on. */
  postedOrderId?: number;
  owner?: string;
}

export async function scheduleRetry(tx: SqlExecutor, row: OutboxRow, f: RetryFacts): Promise<number> {
  const g = guard(f.owner);
  return tx.run(
    "UPDATE push_outbox SET state = 'ready', next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, " +
      'attempt_started_at = CASE WHEN ? = 1 THEN attempt_started_at ELSE NULL END, attempts = attempts - ?, ' +
      'payload = COALESCE(?, payload), last_error = ?, history = ?, updated_at = ?, ' +
      'accepted_at = CASE WHEN ? = 1 THEN COALESCE(accepted_at, ?) ELSE accepted_at END, ' +
      `accepted_id = COALESCE(?, accepted_id), posted_order_id = COALESCE(?, posted_order_id) WHERE id = ?${g.sql}`,
    [
      f.now + f.delayMs,
      f.keepInDoubt ? 1 : 0,
      f.uncount ? 1 : 0,
      f.payload === undefined ? null : jsonParam(f.payload),
      f.entry.error ?? null,
      jsonParam(withEntry(row.history, f.entry)),
      f.now,
      f.accepted ? 1 : 0,
      f.now,
      f.accepted?.id ?? null,
      f.postedOrderId ?? null,
      row.id,
      ...g.params,
    ],
  );
}

export async function markDisputed(
  tx: SqlExecutor,
  row: OutboxRow,
  facts: { now: number; entry: AttemptEntry; keepInDoubt: boolean; owner?: string },
): Promise<number> {
  const g = guard(facts.owner);
  return tx.run(
    "UPDATE push_outbox SET state = 'disputed', lease_owner = NULL, lease_until = NULL, " +
      'attempt_started_at = CASE WHEN ? = 1 THEN attempt_started_at ELSE NULL END, last_error = ?, ' +
      `history = ?, updated_at = ? WHERE id = ?${g.sql}`,
    [
      facts.keepInDoubt ? 1 : 0,
      facts.entry.error ?? null,
      jsonParam(withEntry(row.history, facts.entry)),
      facts.now,
      row.id,
      ...g.params,
    ],
  );
}

export async function markDead(
  tx: SqlExecutor,
  row: OutboxRow,
  facts: { now: number; entry: AttemptEntry; owner?: string },
): Promise<number> {
  const g = guard(facts.owner);
  return tx.run(
    "UPDATE push_outbox SET state = 'dead', lease_owner = NULL, lease_until = NULL, last_error = ?, " +
      `history = ?, updated_at = ? WHERE id = ?${g.sql}`,
    [
      facts.entry.error ?? null,
      jsonParam(withEntry(row.history, facts.entry)),
      facts.now,
      row.id,
      ...g.params,
    ],
  );
}

/** Hands leased rows back untouched (e.g. an order waiting for its customer's person). */
export async function deferRows(
  db: SqlExecutor,
  rows: readonly OutboxRow[],
  facts: { now: number; delayMs: number; owner?: string },
): Promise<number> {
  const g = guard(facts.owner);
  let changed = 0;
  for (const row of rows) {
    changed += await db.run(
      `UPDATE push_outbox SET lease_owner = NULL, lease_until = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?${g.sql}`,
      [facts.now + facts.delayMs, facts.now, row.id, ...g.params],
    );
  }
  return changed;
}

/**
 * Puts a row back in line after a staff decision (dispute resend, dead-letter retry): attempts start
 * again at 0. `attempt_started_at` stays: a row possibly sent is still read back before it is resent.
 * Mahak's "yes" is forgotten: staff looked and decided it is to be sent again.
 */
export async function reopenRow(
  tx: SqlExecutor,
  row: OutboxRow,
  facts: { now: number; entry: AttemptEntry; payload?: PushPayload },
): Promise<void> {
  await tx.run(
    "UPDATE push_outbox SET state = 'ready', attempts = 0, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, " +
      'payload = COALESCE(?, payload), last_error = NULL, history = ?, updated_at = ?, accepted_at = NULL, ' +
      'accepted_id = NULL WHERE id = ?',
    [
      facts.now,
      facts.payload === undefined ? null : jsonParam(facts.payload),
      jsonParam(withEntry(row.history, { ...facts.entry, reset: true })),
      facts.now,
      row.id,
    ],
  );
}

/** Orders waiting for a customer that just came back in line are woken up (they were deferred). */
export async function wakeWaitingOrders(tx: SqlExecutor, now: number): Promise<void> {
  await tx.run(
    "UPDATE push_outbox SET next_attempt_at = ? WHERE kind = 'order' AND state = 'ready' AND next_attempt_at > ? " +
      'AND attempt_started_at IS NULL',
    [now, now],
  );
}
