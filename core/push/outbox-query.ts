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
