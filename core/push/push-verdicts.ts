import { prepareResend } from '../domain/dispute-rules.js';
import type { ReadBackVerdict } from '../domain/push-readback.js';
import { postedRowVersion } from './push-confirm.js';
import { afterFailure, type PushContext } from './push-context.js';
import type { Decision } from './push-decisions.js';
import type { OrderItem, WorkItem } from './push-items.js';
import type { PeopleReadBack } from './push-confirm-people.js';
import { transportDecision } from './push-transport.js';

/**
 * A read-back verdict turned into a decision. `how` says why we read back:
 * - 'sent': Mahak answered Result:true (`acceptedId`: its EntityId);
 * - 'already_sent': Mahak said the OrderClientId is registered;
 * - 'in_doubt': an earlier attempt was never recorded (crash, lost answer), or Mahak's yes awaits its proof.
 * In every case `posted` is the invoice we meant (never a second one) and `mismatch` is a dispute.
 * `missing` after a yes is NOT a phantom to resend: Mahak may show it later, and Mahak may accept a
 * repeated ClientId as a new invoice (API.md §4.2 unknown). It is only read back until the confirm
 * window ends, then staff get a "saved but not visible" dispute (notVisibleDecision).
 */
export function verdictDecision(
  ctx: PushContext,
  item: OrderItem,
  verdict: ReadBackVerdict | undefined,
  how: 'sent' | 'already_sent' | 'in_doubt',
  acceptedId: number | null = null,
): Decision {
  const at = ctx.now();
  if (!verdict) {
    return afterFailure(
      ctx,
      item,
      'unknown',
      { at, outcome: `${how}:unverified`, error: 'order could not be read back' },
      { keepInDoubt: true, ...(how === 'in_doubt' ? {} : { accepted: { id: acceptedId } }) },
    );
  }
  switch (verdict.status) {
    case 'posted':
      return {
        kind: 'sent',
        item,
        entry: { at, outcome: how === 'sent' ? 'sent' : `${how}:posted` },
        serverId: verdict.orderServerId,
        inMahak: { mahakOrderId: verdict.orderServerId, rowVersion: postedRowVersion(verdict) },
      };
    case 'missing':
      if (how === 'in_doubt') return notVisibleDecision(ctx, item) ?? inDoubtMissing(ctx, item);
      return {
        kind: 'retry',
        item,
        entry: { at, outcome: `${how}:not_visible`, error: 'Mahak said saved; not visible in Mahak yet' },
        delayMs: recheckDelay(ctx.settings.confirmWindowMs, ctx.settings.confirmWindowMs),
        keepInDoubt: true,
        accepted: { id: acceptedId },
      };
    case 'payment_missing':
      return paymentDecision(ctx, item, verdict, how, acceptedId);
    case 'mismatch':
      return {
        kind: 'dispute',
        item,
        entry: { at, outcome: 'dispute', error: 'readback_mismatch' },
        reason: 'readback_mismatch',
        errors: [],
        keepInDoubt: true,
        orderServerId: verdict.orderServerId,
        mahakCurrent: { differences: verdict.differences },
      };
  }
}

/**
 * The invoice is in Mahak, its payment is not (issue 8, item 7): the order is not "sent" and is never
 * sent again. Read back until the confirm window is over (a late commit), then: a payment Mahak said
 * yes to becomes a "payment missing" dispute; one it never accepted goes again ALONE (next revision:
 * fresh Receipt/Cheque ClientIds), tied to the invoice by its OrderId.
 */
function paymentDecision(
  ctx: PushContext,
  item: OrderItem,
  verdict: ReadBackVerdict & { status: 'payment_missing' },
  how: 'sent' | 'already_sent' | 'in_doubt',
  acceptedId: number | null,
): Decision {
  const at = ctx.now();
  const window = ctx.settings.confirmWindowMs;
  const error = `invoice ${verdict.orderServerId} is in Mahak, its ${verdict.missing} is not`;
  if (how !== 'in_doubt') {
    return {
      kind: 'retry',
      item,
      entry: { at, outcome: `${how}:payment_not_visible`, error },
      delayMs: recheckDelay(window, window),
      keepInDoubt: true,
      ...(how === 'sent' ? { accepted: { id: acceptedId } } : {}),
    };
  }
  const { acceptedAt, attemptStartedAt } = item.row;
  const left = (acceptedAt ?? attemptStartedAt ?? at) + window - at;
  if (left > 0) {
    const entry = { at, outcome: 'in_doubt:payment_not_visible_yet', error };
    return { kind: 'retry', item, entry, delayMs: recheckDelay(window, left), keepInDoubt: true };
  }
  if (acceptedAt !== null) {
    return {
      kind: 'dispute',
      item,
      entry: { at, outcome: 'dispute', error },
      reason: 'payment_missing',
      errors: [],
      keepInDoubt: true,
      message: error,
      orderServerId: verdict.orderServerId,
      mahakCurrent: { orderServerId: verdict.orderServerId, missing: verdict.missing },
    };
  }
  const next = prepareResend(item.payload);
  return {
    kind: 'retry',
    item,
    entry: { at, outcome: 'payment_only', error },
    delayMs: 0,
    // Settled: the invoice is there, the payment is not and no late commit of it can come any more.
    keepInDoubt: false,
    postedOrderId: verdict.orderServerId,
    ...(next.ok ? { payload: next.payload } : {}),
  };
}

/** Checks spread over the window: about ten, at least a second and at most a minute apart. */
function recheckDelay(windowMs: number, leftMs: number): number {
  return Math.max(1000, Math.min(60_000, Math.ceil(windowMs / 10), leftMs));
}

/**
 * An order in doubt that the read-back does not find. Undefined: it may be sent (again) — it was never
 * accepted and either Mahak refused its last attempt outright (this read-back is the one check that
 * refusal needs) or that attempt is older than the confirm window, so a commit of it would show by now. Otherwise: read back again later, or, once an accepted order outlived the window, a
 * "saved but not visible" dispute. Never a resend of an order Mahak said yes to.
 */
export function notVisibleDecision(ctx: PushContext, item: WorkItem): Decision | undefined {
  const at = ctx.now();
  const { acceptedAt, acceptedId, attemptStartedAt } = item.row;
  // Mahak said no to the last attempt and this read-back does not find it: nothing to wait for.
  if (acceptedAt === null && refusedLastAttempt(item)) return undefined;
  const since = acceptedAt ?? attemptStartedAt ?? at;
  const left = since + ctx.settings.confirmWindowMs - at;
  if (left > 0) {
    const what = acceptedAt === null ? 'in_doubt' : 'accepted';
    return {
      kind: 'retry',
      item,
      entry: { at, outcome: `${what}:not_visible_yet` },
      delayMs: recheckDelay(ctx.settings.confirmWindowMs, left),
      keepInDoubt: true,
    };
  }
  if (acceptedAt === null) return undefined;
  const what = item.payload.kind === 'order' ? 'order' : 'customer';
  const idName = item.payload.kind === 'order' ? 'OrderId' : 'PersonId';
  const error = `Mahak said the ${what} was saved${acceptedId === null ? '' : ` as ${idName} ${acceptedId}`}; not visible after ${Math.round((at - acceptedAt) / 1000)} s`;
  return {
    kind: 'dispute',
    item,
    entry: { at, outcome: 'dispute', error },
    reason: 'saved_not_visible',
    errors: [],
    keepInDoubt: true,
    message: error,
    ...(acceptedId === null ? {} : { orderServerId: acceptedId }),
    mahakCurrent: { orderServerId: acceptedId, acceptedAt },
  };
}

/**
 * The attempt in doubt (started at attemptStartedAt) was answered with Mahak's explicit "no": its
 * entries are the ones recorded since it started (a new attempt moves attemptStartedAt on).
 */
function refusedLastAttempt(item: WorkItem): boolean {
  const started = item.row.attemptStartedAt;
  return started !== null && item.row.history.some((e) => e.refused === true && e.at >= started);
}

/** A caller that cannot send from here (verdictDecision outside the in-doubt settling) retries soon. */
function inDoubtMissing(ctx: PushContext, item: OrderItem): Decision {
  return {
    kind: 'retry',
    item,
    entry: { at: ctx.now(), outcome: 'in_doubt:readback_missing' },
    delayMs: 0,
    keepInDoubt: true,
  };
}

/** A saved person, confirmed by its read-back (push-confirm-people.ts). */
export function personDecision(
  ctx: PushContext,
  item: WorkItem,
  people: PeopleReadBack | undefined,
  acceptedPersonId?: number | null,
): Decision {
  const at = ctx.now();
  if (people && 'error' in people) return transportDecision(ctx, item, people.error);
  const personId = people?.get(item.row.id) ?? null;
  if (personId !== null) return { kind: 'sent', item, entry: { at, outcome: 'sent' }, serverId: personId };
  // Mahak said yes: like an order, read back only (a repeated PersonClientId may make a second person).
  const window = ctx.settings.confirmWindowMs;
  return {
    kind: 'retry',
    item,
    entry: { at, outcome: 'sent:not_visible', error: 'Mahak said saved; person not visible in Mahak yet' },
    delayMs: recheckDelay(window, window),
    keepInDoubt: true,
    accepted: { id: acceptedPersonId ?? null },
  };
}
