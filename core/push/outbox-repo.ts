import { randomUUID } from 'node:crypto';
import { pushPayloadSchema, type PushPayload } from '../contracts/orders.js';
import { isValidSequence, MAX_GENERATION } from '../domain/client-ids.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { jsonParam } from '../store/sql-values.js';

/**
 * The push outbox as the checkout sees it (ARCHITECTURE.md invariant 5): every function takes the
 * caller's transaction executor, so the order and its outbox row commit together or not at all.
 * Table: migration 006-push.ts.
 *
 * The push_sequences rows are counters locked until commit. A transaction takes them in one order,
 * 'order' then 'person' then 'outbox', or two checkouts can each hold one the other waits for and
 * PostgreSQL ends one of them as a deadlock (test/orders/checkout-lock-order.test.ts).
 */

export type OutboxKind = 'person' | 'order';
export type OutboxState = 'held' | 'ready' | 'sent' | 'disputed' | 'dead' | 'cancelled';

export interface NewOutboxItem {
  kind: OutboxKind;
  payload: PushPayload;
  orderId?: string;
  /** 'held' = not pushed until releaseHeldOutbox (e.g. an online payment not confirmed yet). */
  state?: 'ready' | 'held';
}

/** Validates the payload (invariant 7: bad input changes nothing) and inserts the row; returns its id. */
export async function enqueueOutbox(tx: SqlExecutor, item: NewOutboxItem, now = Date.now()): Promise<string> {
  const payload = parsePayload(item.payload);
  if (payload.kind !== item.kind) {
    throw new HamgamError(
      'VALIDATION_FAILED',
      `outbox kind ${item.kind} does not match payload ${payload.kind}`,
    );
  }
  const orderId = item.orderId ?? (payload.kind === 'order' ? payload.orderId : null);
  const customerId = payload.kind === 'person' ? payload.customerId : null;
  const id = randomUUID();
  const seq = await nextOutboxSeq(tx);
  await tx.run(
    'INSERT INTO push_outbox (id, kind, order_id, customer_id, payload, state, attempts, next_attempt_at, ' +
      'history, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)',
    [id, item.kind, orderId, customerId, jsonParam(payload), item.state ?? 'ready', now, '[]', now, now, seq],
  );
  return id;
}

/**
 * The row's place in line (migration 020): the lease goes by it, so Mahak gets orders first-in
 * first-out even when two were placed in the same millisecond. The UPDATE locks the counter until the
 * caller's transaction commits, so a later seq is never visible before an earlier one.
 */
async function nextOutboxSeq(tx: SqlExecutor): Promise<number> {
  const rows = await tx.query<{ value: number | string }>(
    "UPDATE push_sequences SET value = value + 1 WHERE name = 'outbox' RETURNING value",
  );
  const value = Number(rows[0]?.value);
  if (!Number.isSafeInteger(value)) throw new HamgamError('INTERNAL', 'push sequence outbox is missing');
  return value;
}

/**
 * A held order becomes pushable (payment confirmed): its payload is replaced (payment now known).
 * Returns the number of rows released (0 when there was nothing held for the order).
 */
export async function releaseHeldOutbox(
  tx: SqlExecutor,
  orderId: string,
  payload: PushPayload,
  now = Date.now(),
): Promise<number> {
  const parsed = parsePayload(payload);
  return tx.run(
    "UPDATE push_outbox SET state = 'ready', payload = ?, next_attempt_at = ?, updated_at = ? " +
      "WHERE order_id = ? AND kind = 'order' AND state = 'held'",
    [jsonParam(parsed), now, now, orderId],
  );
}

/**
 * Stops an order from being pushed. Only rows that were never possibly sent are cancelled: a row with
 * an attempt in flight (attempt_started_at) or already sent stays, and the count says so (0 -> the
 * order already is, or may be, in Mahak; cancel it there through a dispute or by hand).
 */
export async function cancelOutboxForOrder(
  tx: SqlExecutor,
  orderId: string,
  now = Date.now(),
): Promise<number> {
  return tx.run(
    "UPDATE push_outbox SET state = 'cancelled', updated_at = ?, lease_owner = NULL, lease_until = NULL " +
      "WHERE order_id = ? AND state IN ('held', 'ready', 'disputed', 'dead') AND attempt_started_at IS NULL " +
      'AND sent_at IS NULL',
    [now, orderId],
  );
}

/** Next order/person sequence: handed out once, never reused (core/domain/client-ids.ts). */
export async function allocateSequence(tx: SqlExecutor, name: 'order' | 'person'): Promise<number> {
  const rows = await tx.query<{ value: number | string }>(
    'UPDATE push_sequences SET value = value + 1 WHERE name = ? RETURNING value',
    [name],
  );
  const value = Number(rows[0]?.value);
  if (!isValidSequence(value))
    throw new HamgamError('INTERNAL', `push sequence ${name} exhausted or missing`);
  return value;
}

/** The ClientId generation of this database; undefined until the first push chose it. */
export async function getGeneration(db: SqlExecutor): Promise<number | undefined> {
  const rows = await db.query<{ value: string }>("SELECT value FROM push_settings WHERE key = 'generation'");
  return rows[0] === undefined ? undefined : Number(rows[0].value);
}

/**
 * Stores the generation if none is stored yet and returns the one that is stored (a concurrent
 * first writer wins; the generation never changes afterwards).
 */
export async function setGenerationOnce(
  db: SqlExecutor,
  generation: number,
  now = Date.now(),
): Promise<number> {
  if (!Number.isInteger(generation) || generation < 0 || generation > MAX_GENERATION) {
    throw new HamgamError('INTERNAL', `ClientId generation out of range: ${generation}`);
  }
  await db.run(
    "INSERT INTO push_settings (key, value, updated_at) VALUES ('generation', ?, ?) ON CONFLICT (key) DO NOTHING",
    [String(generation), now],
  );
  return (await getGeneration(db))!;
}

function parsePayload(payload: unknown): PushPayload {
  const parsed = pushPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new HamgamError('VALIDATION_FAILED', 'push payload is not valid', { issues });
  }
  return parsed.data;
}
