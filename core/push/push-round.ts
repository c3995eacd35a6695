import { personClientId } from '../domain/client-ids.js';
import { buildPushBatches, type PushBatch } from '../domain/order-mapping-batch.js';
import { knownPersonIds, leaseDue, unsentPersonRows } from './outbox-lease.js';
import type { PushContext } from './push-context.js';
import { applyDecisions } from './push-apply.js';
import { readBackOrders } from './push-confirm.js';
import { readBackPeople } from './push-confirm-people.js';
import type { Decision } from './push-decisions.js';
import {
  isOrderItem,
  isPersonItem,
  lastOutcome,
  needsBank,
  parseRows,
  type OrderItem,
  type WorkItem,
} from './push-items.js';
import { sendBatch } from './push-send.js';
import { transportDecision } from './push-transport.js';
import { notVisibleDecision, verdictDecision } from './push-verdicts.js';

export interface RoundResult {
  leased: number;
  decisions: Decision[];
  /** Items that wait for a bank Mahak has (PushContext.bankMissing). */
  heldForBank: number;
  /** Mahak could not be reached: stop this run, the rows wait for their backoff. */
  stop: boolean;
}

/**
 * One round: lease due rows, settle the ones possibly sent already (read-back), hold orders whose new
 * customer is not in Mahak yet, send the rest in dependency-ordered requests, record every outcome.
 */
export async function runRound(ctx: PushContext): Promise<RoundResult | undefined> {
  const { settings } = ctx;
  const rows = await leaseDue(ctx.storage.db, ctx.owner, {
    now: ctx.now(),
    leaseMs: settings.leaseMs,
    limit: settings.leaseLimit,
  });
  if (rows.length === 0) return undefined;
  const parsed = parseRows(rows);
  const decisions: Decision[] = parsed.invalid.map(({ row, error }) => ({
    kind: 'dead',
    item: { row, payload: row.payload as WorkItem['payload'] },
    entry: { at: ctx.now(), outcome: 'invalid', error },
    reason: error,
  }));
  // No bank to put on a cheque: paid orders wait untouched (no attempt, not even a read-back, which
  // compares the cheque's bank); cash-on-delivery orders and new customers go on.
  const held = ctx.bankMissing ? parsed.items.filter(needsBank) : [];
  const items = parsed.items.filter((i) => !held.includes(i));
  decisions.push(...held.map((item) => defer(item, bankWaitMs)));
  const base = { leased: rows.length, heldForBank: held.length };
  const doubt = await settleInDoubt(ctx, items);
  decisions.push(...doubt.decisions);
  if (doubt.stop) {
    decisions.push(...doubt.toSend.map((item) => defer(item, 1000)));
    await record(ctx, decisions);
    return { ...base, decisions, stop: true };
  }
  const gated = await gateOnPersons(ctx, doubt.toSend);
  decisions.push(...gated.deferred);
  await record(ctx, decisions);
  const sent = await sendGroups(ctx, isolationGroups(gated.ready));
  return { ...base, decisions: [...decisions, ...sent.decisions], stop: sent.stop };
}

/** How long a paid order waits for a bank before it is looked at again (a fix in the desk wakes it at once). */
const bankWaitMs = 60_000;

const defer = (item: WorkItem, delayMs: number): Decision => ({ kind: 'defer', item, delayMs });

async function record(ctx: PushContext, decisions: Decision[]): Promise<void> {
  for (const d of decisions) {
    if (d.kind !== 'dispute' || !ctx.capture) continue;
    try {
      d.mahakCurrent = {
        ...((d.mahakCurrent as object | undefined) ?? {}),
        ...((await ctx.capture(d)) as object),
      };
    } catch (e) {
      ctx.logger.warn(
        { err: e, outboxId: d.item.row.id },
        "could not read Mahak's current records for a dispute",
      );
      d.mahakCurrent = {
        ...((d.mahakCurrent as object | undefined) ?? {}),
        captureError: (e as Error).message,
      };
    }
  }
  await applyDecisions(ctx.storage, decisions, ctx.now(), ctx.owner);
}

/**
 * Orders and new customers with an attempt that was never recorded, or that Mahak said yes to: ask
 * Mahak before sending them again (invariant 5, issue 8).
 */
async function settleInDoubt(ctx: PushContext, items: WorkItem[]) {
  const doubtful = items.filter((i): i is OrderItem => isOrderItem(i) && i.row.attemptStartedAt !== null);
  const persons = items.filter((i) => isPersonItem(i) && i.row.attemptStartedAt !== null);
  const others = items.filter((i) => !doubtful.includes(i as OrderItem) && !persons.includes(i));
  if (doubtful.length === 0 && persons.length === 0)
    return { decisions: [] as Decision[], toSend: others, stop: false };
  let verdicts;
  let people;
  try {
    const deps = { mahak: ctx.mahak, db: ctx.storage.db, pageSize: ctx.settings.pageSize };
    const from = Math.min(...doubtful.map((i) => i.row.readbackFrom ?? 0));
    verdicts =
      doubtful.length > 0 ? (await readBackOrders(deps, doubtful, ctx.cfg, from)).verdicts : new Map();
    people = persons.length > 0 ? await readBackPeople(ctx, persons) : new Map<string, number | null>();
  } catch (e) {
    const all = [...doubtful, ...persons];
    return { decisions: all.map((i) => transportDecision(ctx, i, e)), toSend: others, stop: true };
  }
  const decisions: Decision[] = [];
  const toSend: WorkItem[] = [...others];
  const notThere = (item: WorkItem) => {
    // Not visible: send only when it was never accepted and its last attempt outlived the window.
    const wait = notVisibleDecision(ctx, item);
    if (wait) decisions.push(wait);
    else toSend.push(item);
  };
  for (const item of doubtful) {
    const verdict = verdicts.get(item.row.id);
    if (verdict?.status !== 'missing') decisions.push(verdictDecision(ctx, item, verdict, 'in_doubt'));
    else notThere(item);
  }
  for (const item of persons) {
    const personId = people.get(item.row.id) ?? null;
    if (personId === null) notThere(item);
    else
      decisions.push({
        kind: 'sent',
        item,
        entry: { at: ctx.now(), outcome: 'in_doubt:posted' },
        serverId: personId,
      });
  }
  return { decisions, toSend, stop: false };
}

/**
 * Person -> Order (invariant 5): an order of a new customer goes in the same request as the customer's
 * person item, or after it is in Mahak. An order whose person is held, disputed or dead waits.
 */
async function gateOnPersons(ctx: PushContext, items: WorkItem[]) {
  const needs = items.filter(
    (i): i is OrderItem =>
      isOrderItem(i) && i.payload.customer.personSeq !== null && i.payload.customer.personServerId === null,
  );
  if (needs.length === 0) return { ready: items, deferred: [] as Decision[] };
  const inRound = new Set(items.filter(isPersonItem).map((i) => i.payload.personSeq));
  const waiting = new Map<number, { nextAttemptAt: number; state: string }>();
  for (const row of await unsentPersonRows(ctx.storage.db)) {
    const seq = (row.payload as { personSeq?: unknown }).personSeq;
    if (typeof seq === 'number') waiting.set(seq, row);
  }
  const now = ctx.now();
  const deferred: Decision[] = [];
  const ready = items.filter((item) => {
    const seq = isOrderItem(item) ? item.payload.customer.personSeq : null;
    const person = seq === null ? undefined : waiting.get(seq);
    if (!person || inRound.has(seq!)) return true;
    const delayMs = person.state === 'ready' ? Math.max(1000, person.nextAttemptAt - now) : 60_000;
    deferred.push(defer(item, delayMs));
    return false;
  });
  return { ready, deferred };
}

/**
 * Items that failed as bystanders of someone else's rejection go alone, so an unexplained failure is
 * pinned on the right item; everything else shares requests. A new customer never parts from its
 * orders: an order sent in another request than its person item names a PersonClientId Mahak does not
 * have yet (the shared request goes first) and is refused as person_rejected, an order left to staff
 * for nothing (found by the chaos runner, test/push/push-bystander.test.ts).
 */
function isolationGroups(items: WorkItem[]): WorkItem[][] {
  const alone = items.filter((i) => lastOutcome(i) === 'bystander');
  if (alone.length === 0) return [items];
  const taken = new Set<WorkItem>();
  const groups: WorkItem[][] = [];
  for (const item of alone) {
    if (taken.has(item)) continue;
    const group = withCustomer(item, items).filter((i) => !taken.has(i));
    group.forEach((i) => taken.add(i));
    groups.push(group);
  }
  const rest = items.filter((i) => !taken.has(i));
  return rest.length > 0 ? [rest, ...groups] : groups;
}

/** The item, or, when a new customer's person item is in the round, that person and all its orders. */
function withCustomer(item: WorkItem, items: WorkItem[]): WorkItem[] {
  const seq = isPersonItem(item)
    ? item.payload.personSeq
    : isOrderItem(item)
      ? item.payload.customer.personSeq
      : null;
  const person = seq === null ? undefined : items.find((p) => isPersonItem(p) && p.payload.personSeq === seq);
  if (!person) return [item];
  return [person, ...items.filter((o) => isOrderItem(o) && o.payload.customer.personSeq === seq)];
}

async function sendGroups(
  ctx: PushContext,
  groups: WorkItem[][],
): Promise<{ decisions: Decision[]; stop: boolean }> {
  const all: Decision[] = [];
  const batches: { batch: PushBatch; byId: Map<string, WorkItem> }[] = [];
  for (const group of groups) {
    const byId = new Map(group.map((i) => [i.row.id, i]));
    const { batches: built, rejected } = await buildBatches(ctx, group);
    const dead: Decision[] = rejected.map((r) => ({
      kind: 'dead',
      item: byId.get(r.outboxId)!,
      entry: { at: ctx.now(), outcome: 'invalid', error: r.problem.message },
      reason: `${r.problem.code}: ${r.problem.message}`,
    }));
    await record(ctx, dead);
    all.push(...dead);
    batches.push(...built.map((batch) => ({ batch, byId })));
  }
  for (let i = 0; i < batches.length; i++) {
    const { decisions, transportFailed } = await sendBatch(ctx, batches[i].batch, batches[i].byId);
    if (transportFailed) {
      const later = batches
        .slice(i + 1)
        .flatMap((b) => b.batch.outboxIds.map((id) => defer(b.byId.get(id)!, 1000)));
      decisions.push(...later);
    }
    await record(ctx, decisions);
    all.push(...decisions);
    if (transportFailed) return { decisions: all, stop: true };
  }
  return { decisions: all, stop: false };
}

async function buildBatches(ctx: PushContext, group: WorkItem[]) {
  const customerIds = group
    .filter(isOrderItem)
    .flatMap((i) =>
      i.payload.customer.personSeq === null
        ? []
        : [personClientId(ctx.cfg.generation, i.payload.customer.personSeq)],
    );
  const known = await knownPersonIds(ctx.storage.db, customerIds);
  const items = group.map((i) => ({
    outboxId: i.row.id,
    payload: i.payload,
    ...(i.row.postedOrderId === null ? {} : { paymentFor: i.row.postedOrderId }),
  }));
  return buildPushBatches(items, ctx.cfg, { maxRecords: ctx.settings.batchSize, knownPersonIds: known });
}
