import { prepareResend } from '../domain/dispute-rules.js';
import { slotAt, type PushBatch } from '../domain/order-mapping-batch.js';
import type { ItemOutcome } from '../domain/push-results.js';
import { mapSaveResults } from '../domain/push-results.js';
import type { SaveAllDataResult } from '../mahak/mahak-client.js';
import { renewLease } from './outbox-lease.js';
import { leaseLost, startAttempts } from './outbox-record.js';
import { HamgamError } from '../errors.js';
import { afterFailure, type PushContext } from './push-context.js';
import { transportDecision } from './push-transport.js';
import type { Decision } from './push-decisions.js';
import {
  clientIdOf,
  isOrderItem,
  isPersonItem,
  lastOutcome,
  type OrderItem,
  type WorkItem,
} from './push-items.js';
import { readBackOrders, type ReadBackResult } from './push-confirm.js';
import { personDecision, verdictDecision } from './push-verdicts.js';
import { confirmPeople } from './push-confirm-people.js';
import { getOrdersRowVersionSeen, raiseOrdersRowVersionSeen } from './push-state-repo.js';

export interface SendResult {
  decisions: Decision[];
  /** The request itself failed (network, 5xx, breaker...): the rest of the run should wait. */
  transportFailed: boolean;
}

/**
 * One SaveAllData request: stamp the attempt (committed BEFORE the call: the exactly-once latch), send,
 * map the results by Index, read the orders back, decide per item.
 */
export async function sendBatch(
  ctx: PushContext,
  batch: PushBatch,
  byId: Map<string, WorkItem>,
): Promise<SendResult> {
  const items = batch.outboxIds.map((id) => byId.get(id)!);
  const db = ctx.storage.db;
  // A worker that lost the push lock stops before its next send (issue 8): another may be pushing now.
  if (ctx.holdsLock && !(await ctx.holdsLock()))
    throw new HamgamError('CONFLICT', 'push lock lost: this worker stops before sending', { lock: 'push' });
  const floor = Math.max(0, ((await getOrdersRowVersionSeen(db)) ?? 0) - ctx.settings.readBackOverlap);
  await db.transaction((tx) =>
    startAttempts(
      tx,
      items.map((i) => i.row),
      {
        now: ctx.now(),
        readbackFrom: floor,
        clientIdOf: (row) => clientIdOf(byId.get(row.id)!, ctx.cfg.generation),
        owner: ctx.owner,
      },
    ),
  );
  if ((await renewLease(db, ctx.owner, batch.outboxIds, ctx.now() + ctx.settings.leaseMs)) !== items.length)
    throw leaseLost(items.length);
  let res: SaveAllDataResult;
  try {
    res = await ctx.mahak.saveAllData(batch.body);
  } catch (e) {
    return { decisions: numbered(items.map((i) => transportDecision(ctx, i, e))), transportFailed: true };
  }
  await raiseOrdersRowVersionSeen(db, maxRowVersion(res));
  const outcomes = mapSaveResults(batch, {
    result: res.ok,
    ...(res.message ? { message: res.message } : {}),
    results: res.results,
  });
  const decisions = await decideOutcomes(ctx, batch, items, outcomes, res);
  return { decisions: numbered(decisions), transportFailed: false };
}

/**
 * Each line this request wrote carries the number of the attempt it reports (startAttempts counted it),
 * so the dead-letter drawer numbers attempts as the counter does. A send given back (`uncount`: a
 * bystander of another item's rejection, a missing parent) is no attempt and stays unnumbered.
 */
function numbered(decisions: Decision[]): Decision[] {
  return decisions.map((d) =>
    d.kind === 'defer' || (d.kind === 'retry' && d.uncount)
      ? d
      : { ...d, entry: { ...d.entry, attempt: d.item.row.attempts } },
  );
}

function maxRowVersion(res: SaveAllDataResult): number {
  let max = 0;
  for (const list of Object.values(res.results))
    for (const r of list ?? []) max = Math.max(max, r.RowVersion ?? 0);
  return max;
}

async function decideOutcomes(
  ctx: PushContext,
  batch: PushBatch,
  items: WorkItem[],
  outcomes: ItemOutcome[],
  res: SaveAllDataResult,
): Promise<Decision[]> {
  const byId = new Map(items.map((i) => [i.row.id, i]));
  const readBack = await confirmOrders(ctx, outcomes, byId);
  const people = await confirmPeople(ctx, outcomes, byId);
  // Several items and a failed request: an unexplained failure may be a neighbour's (all-or-nothing
  // requests roll the valid records back too). Such an item gets one request of its own before it counts.
  const shared = batch.outboxIds.length > 1 && !res.ok;
  return outcomes.map((o) => {
    const item = byId.get(o.outboxId)!;
    if (
      readBack &&
      'error' in readBack &&
      (o.kind === 'already_sent' || (o.kind === 'sent' && isOrderItem(item)))
    ) {
      return transportDecision(ctx, item, readBack.error);
    }
    const verdict = readBack && 'verdicts' in readBack ? readBack.verdicts.get(o.outboxId) : undefined;
    if (o.kind === 'sent' && isPersonItem(item))
      return personDecision(ctx, item, people, o.saved.find((s) => s.role === 'person')?.serverId ?? null);
    return decideOne(ctx, { item, outcome: o, verdict, shared, batch, message: res.message });
  });
}

/** One read-back for every order the answer says is (or already was) in Mahak. */
async function confirmOrders(
  ctx: PushContext,
  outcomes: ItemOutcome[],
  byId: Map<string, WorkItem>,
): Promise<ReadBackResult | { error: unknown } | undefined> {
  const floors: number[] = [];
  const orders: OrderItem[] = [];
  for (const o of outcomes) {
    const item = byId.get(o.outboxId)!;
    if (!isOrderItem(item)) continue;
    if (o.kind === 'sent') {
      orders.push(item);
      // A payment sent alone: its invoice lies below the payment's RowVersions, at the first floor.
      if (item.row.postedOrderId !== null) floors.push(item.row.readbackFrom ?? 0);
      else floors.push(Math.min(...o.saved.map((s) => (s.rowVersion ?? 1) - 1)));
    } else if (o.kind === 'already_sent') {
      orders.push(item);
      floors.push(item.row.readbackFrom ?? 0);
    }
  }
  if (orders.length === 0) return undefined;
  try {
    const deps = { mahak: ctx.mahak, db: ctx.storage.db, pageSize: ctx.settings.pageSize };
    return await readBackOrders(deps, orders, ctx.cfg, Math.max(0, Math.min(...floors)));
  } catch (error) {
    return { error };
  }
}

interface OneOutcome {
  item: WorkItem;
  outcome: ItemOutcome;
  verdict: ReturnType<ReadBackResult['verdicts']['get']>;
  shared: boolean;
  batch: PushBatch;
  message: string | undefined;
}

function decideOne(ctx: PushContext, x: OneOutcome): Decision {
  const { item, outcome: o } = x;
  const at = ctx.now();
  switch (o.kind) {
    case 'sent':
      return verdictDecision(ctx, item as OrderItem, x.verdict, 'sent', orderEntityId(o.saved));
    case 'already_sent':
      // Only orders are ever "already registered" (failure-classification.ts).
      return verdictDecision(ctx, item as OrderItem, x.verdict, 'already_sent');
    case 'retry':
      return retryDecision(ctx, item, o);
    case 'dispute':
      return {
        kind: 'dispute',
        item,
        entry: { at, outcome: 'dispute', error: o.reason },
        reason: o.reason,
        errors: o.errors,
        keepInDoubt: o.mayBeCommitted,
        ...(x.message ? { message: x.message } : {}),
        requestBody: itemBody(x.batch, item.row.id),
      };
    case 'failed': {
      const error =
        o.errors.map((e) => [e.property, e.message].filter(Boolean).join(': ')).join('; ') || 'rejected';
      const payload = nextRevision(item);
      const refused = o.refused ? { refused: true } : {};
      if (x.shared && lastOutcome(item) !== 'bystander') {
        const entry = { at, outcome: 'bystander', error, ...refused };
        return {
          kind: 'retry',
          item,
          entry,
          delayMs: 0,
          keepInDoubt: o.mayBeCommitted,
          uncount: true,
          ...payload,
        };
      }
      return afterFailure(
        ctx,
        item,
        'unknown',
        { at, outcome: 'failed', error, ...refused },
        { keepInDoubt: o.mayBeCommitted, ...payload },
      );
    }
  }
}

/** The EntityId Mahak gave the invoice when it said yes. */
function orderEntityId(saved: readonly { role: string; serverId: number }[]): number | null {
  return saved.find((s) => s.role === 'order')?.serverId ?? null;
}

function retryDecision(ctx: PushContext, item: WorkItem, o: ItemOutcome & { kind: 'retry' }): Decision {
  const entry = { at: ctx.now(), outcome: `retry:${o.why}` };
  if (!o.countsAsAttempt)
    return { kind: 'retry', item, entry, delayMs: 0, keepInDoubt: o.readBackFirst, uncount: true };
  return afterFailure(ctx, item, 'unknown', { ...entry, error: o.why }, { keepInDoubt: o.readBackFirst });
}

/**
 * Child ClientIds Mahak has seen in a rejected request may be refused later (API.md §4.2), so a resend
 * after a rejection uses the next revision; the OrderClientId never changes.
 */
function nextRevision(item: WorkItem): { payload?: WorkItem['payload'] } {
  if (!isOrderItem(item)) return {};
  const next = prepareResend(item.payload);
  return next.ok ? { payload: next.payload } : {};
}

/** The records of one item as they were sent, for the dispute screen. */
export function itemBody(batch: PushBatch, outboxId: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const slot of batch.slots) {
    if (slot.outboxId !== outboxId) continue;
    const record = batch.body[slot.collection]?.[slot.index];
    if (record && slotAt(batch, slot.collection, slot.index)) (out[slot.collection] ??= []).push(record);
  }
  return out;
}
