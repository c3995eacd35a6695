import type { DisputeReason, DisputeResolution, PushPayload } from '../contracts/orders.js';
import { allowedResolutions } from '../domain/dispute-rules.js';
import type { RecordErrorView } from '../domain/push-results.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { jsonParam, readJson } from '../store/sql-values.js';
import type { OutboxKind } from './outbox-repo.js';

/**
 * A dispute (ARCHITECTURE.md "Disputes"): what we sent, what Mahak said, Mahak's current version of the
 * records involved, the reason and the resolutions allowed for it. Table: migration 006-push.ts.
 */
export interface DisputeRecord {
  id: string;
  outboxId: string;
  orderId: string | null;
  kind: OutboxKind;
  reason: DisputeReason;
  status: 'open' | 'resolved';
  allowed: DisputeResolution[];
  payload: PushPayload;
  requestBody: unknown;
  /** First error's text/property/code as Mahak sent them (Persian text, shown verbatim). */
  mahakMessage: string | null;
  mahakProperty: string | null;
  mahakCode: number | null;
  errors: RecordErrorView[];
  /** Mahak's current records (raw JSON), plus `orderServerId` for a read-back mismatch. */
  mahakCurrent: Record<string, unknown> | null;
  resolution: DisputeResolution | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewDispute {
  id: string;
  outboxId: string;
  orderId: string | null;
  kind: OutboxKind;
  reason: DisputeReason;
  payload: PushPayload;
  requestBody: unknown;
  errors: RecordErrorView[];
  message: string | null;
  mahakCurrent: unknown;
  orderServerId: number | null;
  now: number;
}

export async function createDispute(tx: SqlExecutor, d: NewDispute): Promise<void> {
  // The error that names the cause has a Property; a bare message is often "rolled back with the rest".
  const first = d.errors.find((e) => e.property) ?? d.errors.find((e) => e.message) ?? d.errors[0];
  const current = { ...((d.mahakCurrent as Record<string, unknown> | null) ?? {}) };
  if (d.orderServerId !== null) current.orderServerId = d.orderServerId;
  await tx.run(
    'INSERT INTO push_disputes (id, outbox_id, order_id, kind, reason, status, allowed, payload, request_body, ' +
      'mahak_message, mahak_property, mahak_code, mahak_errors, mahak_current, created_at, updated_at) ' +
      "VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [
      d.id,
      d.outboxId,
      d.orderId,
      d.kind,
      d.reason,
      jsonParam(allowedResolutions[d.reason]),
      jsonParam(d.payload),
      jsonParam(d.requestBody),
      first?.message ?? d.message,
      first?.property ?? null,
      first?.code ?? null,
      jsonParam(d.errors),
      jsonParam(current),
      d.now,
      d.now,
    ],
  );
}

const columns =
  'id, outbox_id, order_id, kind, reason, status, allowed, payload, request_body, mahak_message, ' +
  'mahak_property, mahak_code, mahak_errors, mahak_current, resolution, resolved_by, resolved_at, created_at, updated_at';

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toDispute(r: Record<string, unknown>): DisputeRecord {
  return {
    id: String(r.id),
    outboxId: String(r.outbox_id),
    orderId: (r.order_id as string | null) ?? null,
    kind: r.kind as OutboxKind,
    reason: r.reason as DisputeReason,
    status: r.status as DisputeRecord['status'],
    allowed: readJson<DisputeResolution[]>(r.allowed),
    payload: readJson<PushPayload>(r.payload),
    requestBody: readJson(r.request_body) ?? null,
    mahakMessage: (r.mahak_message as string | null) ?? null,
    mahakProperty: (r.mahak_property as string | null) ?? null,
    mahakCode: numOrNull(r.mahak_code),
    errors: readJson<RecordErrorView[]>(r.mahak_errors) ?? [],
    mahakCurrent: readJson<Record<string, unknown> | null>(r.mahak_current) ?? null,
    resolution: (r.resolution as DisputeResolution | null) ?? null,
    resolvedBy: (r.resolved_by as string | null) ?? null,
    resolvedAt: numOrNull(r.resolved_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function getDispute(db: SqlExecutor, id: string): Promise<DisputeRecord | undefined> {
  const rows = await db.query(`SELECT ${columns} FROM push_disputes WHERE id = ?`, [id]);
  return rows[0] ? toDispute(rows[0]) : undefined;
}

export async function listDisputes(
  db: SqlExecutor,
  query: { status?: 'open' | 'resolved'; limit: number; before?: number },
): Promise<DisputeRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (query.status) add('status = ?', query.status);
  if (query.before !== undefined) add('created_at < ?', query.before);
  const rows = await db.query(
    `SELECT ${columns} FROM push_disputes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      'ORDER BY created_at DESC, id DESC LIMIT ?',
    [...params, query.limit],
  );
  return rows.map(toDispute);
}

/** Marks an open dispute resolved; false when it was not open any more (a concurrent resolution won). */
export async function closeDispute(
  tx: SqlExecutor,
  id: string,
  facts: { resolution: DisputeResolution; by: string; now: number },
): Promise<boolean> {
  const changed = await tx.run(
    "UPDATE push_disputes SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ?, updated_at = ? " +
      "WHERE id = ? AND status = 'open'",
    [facts.resolution, facts.by, facts.now, facts.now, id],
  );
  return changed === 1;
}

export async function countOpenDisputes(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM push_disputes WHERE status = 'open'");
  return Number(rows[0]?.n ?? 0);
}
