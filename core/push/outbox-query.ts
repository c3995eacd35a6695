import type { OutboxItemView, OutboxStateView, OutboxSummary } from '../contracts/admin.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { countOpenDisputes } from './dispute-repo.js';
import { outboxColumns, toOutboxRow, type OutboxRow } from './outbox-rows.js';

const states: OutboxStateView[] = ['held', 'ready', 'sent', 'disputed', 'dead', 'cancelled'];
const iso = (ms: number) => new Date(ms).toISOString();

/** GET /admin/api/outbox: how many items in each state, and the most recently changed ones. */
export async function outboxSummary(
  db: SqlExecutor,
  query: { state?: OutboxStateView; limit: number },
): Promise<OutboxSummary> {
  const counted = await db.query<{ state: OutboxStateView; n: number }>(
    'SELECT state, COUNT(*) AS n FROM push_outbox GROUP BY state',
  );
  const counts = Object.fromEntries(states.map((s) => [s, 0])) as Record<OutboxStateView, number>;
  for (const c of counted) counts[c.state] = Number(c.n);
  const rows = await db.query(
    `SELECT ${outboxColumns} FROM push_outbox ${query.state ? 'WHERE state = ?' : ''} ORDER BY updated_at DESC, id LIMIT ?`,
    query.state ? [query.state, query.limit] : [query.limit],
  );
  return {
    counts,
    openDisputes: await countOpenDisputes(db),
    recent: rows.map((r) => toOutboxView(toOutboxRow(r))),
  };
}

export function toOutboxView(r: OutboxRow): OutboxItemView {
  return {
    id: r.id,
    kind: r.kind,
    orderId: r.orderId,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    inDoubt: r.attemptStartedAt !== null && r.state !== 'sent',
    lastError: r.lastError,
    clientId: r.clientId,
    serverId: r.serverId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    sentAt: r.sentAt === null ? null : iso(r.sentAt),
  };
}

/** States still owed something: held (awaiting payment), ready (owed to Mahak), disputed (owed a decision). */
export const pendingOutboxStates = ['held', 'ready', 'disputed'] as const;
export type PendingOutboxState = (typeof pendingOutboxStates)[number];

/**
 * Rows per pending state and how long the oldest has waited since it was written (seconds; 0 when
 * none). Only pending rows are touched, through the (state, next_attempt_at) index: sent rows pile up
 * forever and must not make a scrape slower.
 */
export async function pendingOutbox(
  db: SqlExecutor,
  now = Date.now(),
): Promise<Record<PendingOutboxState, { count: number; oldestAgeSeconds: number }>> {
  const rows = await db.query<{ state: PendingOutboxState; n: number; oldest: number | null }>(
    `SELECT state, COUNT(*) AS n, MIN(created_at) AS oldest FROM push_outbox WHERE state IN (${pendingOutboxStates
      .map(() => '?')
      .join(', ')}) GROUP BY state`,
    [...pendingOutboxStates],
  );
  const out = Object.fromEntries(
    pendingOutboxStates.map((s) => [s, { count: 0, oldestAgeSeconds: 0 }]),
  ) as Record<PendingOutboxState, { count: number; oldestAgeSeconds: number }>;
  for (const r of rows) {
    const age = r.oldest === null ? 0 : Math.max(0, (now - Number(r.oldest)) / 1000);
    out[r.state] = { count: Number(r.n), oldestAgeSeconds: age };
  }
  return out;
}
