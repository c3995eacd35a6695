import { randomUUID } from 'node:crypto';
import type { NewDeadLetter, Storage } from '../store/storage.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { createDispute } from './dispute-repo.js';
import { deferRows, leaseLost, markDead, markDisputed, recordSent, scheduleRetry } from './outbox-record.js';
import { sinceLastReset, withEntry, type AttemptEntry } from './outbox-rows.js';
import { recordCustomerPerson, setOrderSyncStatus } from './order-sync-status.js';
import type { Decision } from './push-decisions.js';

/**
 * Writes the decisions of one request (or read-back) in ONE transaction, each guarded by this worker's
 * lease: outbox state, the order's
 * sync_status, disputes and dead letters commit together, so a crash never leaves an order marked
 * sent without its outbox row or a dead letter without its "dead" mark (invariant 6).
 */
export async function applyDecisions(
  storage: Storage,
  decisions: readonly Decision[],
  now: number,
  owner: string,
): Promise<void> {
  if (decisions.length === 0) return;
  await storage.db.transaction(async (tx) => {
    let lost = 0;
    for (const d of decisions) if (!(await applyOne(storage, tx, d, now, owner))) lost++;
    // Stale workers change nothing (issue 8): one row no longer ours rolls back all of it.
    if (lost > 0) throw leaseLost(lost);
  });
}

/** false: the row is no longer leased by `owner`, nothing was written for it. */
async function applyOne(
  storage: Storage,
  tx: SqlExecutor,
  d: Decision,
  now: number,
  owner: string,
): Promise<boolean> {
  const { row } = d.item;
  switch (d.kind) {
    case 'sent':
      if (!(await recordSent(tx, row, { now, serverId: d.serverId, entry: d.entry, owner }))) return false;
      await afterSent(tx, d, now);
      return true;
    case 'retry':
      return (await scheduleRetry(tx, row, { now, ...d, owner })) > 0;
    case 'dispute':
      if (!(await markDisputed(tx, row, { now, entry: d.entry, keepInDoubt: d.keepInDoubt, owner })))
        return false;
      await createDispute(tx, {
        id: randomUUID(),
        outboxId: row.id,
        orderId: row.orderId,
        kind: row.kind,
        reason: d.reason,
        payload: d.item.payload,
        requestBody: d.requestBody ?? null,
        errors: d.errors,
        message: d.message ?? null,
        mahakCurrent: d.mahakCurrent ?? null,
        orderServerId: d.orderServerId ?? null,
        now,
      });
      if (row.orderId) await setOrderSyncStatus(tx, row.orderId, 'disputed', now);
      return true;
    case 'dead':
      if (!(await markDead(tx, row, { now, entry: d.entry, owner }))) return false;
      await storage.addDeadLetter({
        source: 'push',
        kind: row.kind,
        payload: { outboxId: row.id, orderId: row.orderId, payload: d.item.payload },
        reason: d.reason,
        attempts: row.attempts,
        // From the last staff retry on: the lines the attempt count counts (older ones were looked at).
        history: sinceLastReset(withEntry(row.history, d.entry)).map(letterLine),
      });
      if (row.orderId) await setOrderSyncStatus(tx, row.orderId, 'failed', now);
      return true;
    case 'defer':
      return (await deferRows(tx, [row], { now, delayMs: d.delayMs, owner })) > 0;
  }
}

/** A line of the letter: its outcome kept (the desk names the notes by it), a number only on attempts. */
function letterLine(h: AttemptEntry): NonNullable<NewDeadLetter['history']>[number] {
  return {
    at: h.at,
    error: h.error ?? '',
    outcome: h.outcome,
    ...(h.attempt === undefined ? {} : { attempt: h.attempt }),
  };
}

async function afterSent(tx: SqlExecutor, d: Decision & { kind: 'sent' }, now: number): Promise<void> {
  const { row, payload } = d.item;
  if (payload.kind === 'order' && row.orderId) {
    await setOrderSyncStatus(tx, row.orderId, 'sent', now, d.inMahak);
  }
  if (payload.kind === 'person' && d.serverId !== null && row.clientId !== null) {
    await recordCustomerPerson(
      tx,
      payload.customerId,
      { personClientId: row.clientId, personId: d.serverId },
      now,
    );
  }
}
