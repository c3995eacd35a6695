import type { DisputeReason } from '../contracts/orders.js';
import type { EntityUpdateResult } from '../contracts/mahak-wire.js';
import { classifyRecordFailure, mostSevere, type RecordError } from './failure-classification.js';
import type { BatchSlot, PushBatch } from './order-mapping-batch.js';
import type { PushCollection, RecordRole } from './order-mapping.js';

/** A SaveAllData answer, envelope already validated (core/contracts/mahak-wire.ts). */
export interface SaveAllDataOutcome {
  /** Top-level Result. */
  result: boolean;
  message?: string;
  /** Data.Objects.<Collection>.Results per collection sent; absent when Mahak sent none. */
  results: Partial<Record<PushCollection, readonly EntityUpdateResult[]>>;
}

export interface SavedRecord {
  role: RecordRole;
  clientId: number | null;
  lineIndex?: number;
  serverId: number;
  rowVersion: number | null;
}

export interface RecordErrorView {
  collection: PushCollection;
  role: RecordRole;
  lineIndex?: number;
  property: string | null;
  code: number | null;
  message: string | null;
}

export type RetryWhy = 'request_failed' | 'no_result' | 'dependency_failed';

export type ItemOutcome =
  | { kind: 'sent'; outboxId: string; saved: SavedRecord[] }
  /** Mahak already holds the order: mark sent, then read back to learn its server id. */
  | { kind: 'already_sent'; outboxId: string }
  | { kind: 'retry'; outboxId: string; why: RetryWhy; countsAsAttempt: boolean; readBackFirst: boolean }
  | {
      kind: 'dispute';
      outboxId: string;
      reason: DisputeReason;
      errors: RecordErrorView[];
      mayBeCommitted: boolean;
    }
  /**
   * Rejected for a reason we cannot name: the failure policy decides (retry, then dead-letter).
   * `refused`: Mahak said no to the item's head record (its order or person) in so many words and yes
   * to none of its money (refusedByMahak): once a read-back shows the ClientId absent it may go again.
   */
  | {
      kind: 'failed';
      outboxId: string;
      errors: RecordErrorView[];
      mayBeCommitted: boolean;
      refused: boolean;
    };

interface Paired {
  slot: BatchSlot;
  result: EntityUpdateResult | undefined;
}

/**
 * Results are matched by Index (API.md §4.3); when Mahak leaves Index out, by position, as S3 and S4 do.
 */
function resultFor(
  results: readonly EntityUpdateResult[] | undefined,
  index: number,
): EntityUpdateResult | undefined {
  if (!results) return undefined;
  if (results.every((r) => r.Index !== undefined)) return results.find((r) => r.Index === index);
  return results[index];
}

/**
 * Maps one SaveAllData answer back to the outbox items of the batch, one outcome per item.
 *
 * Whether Mahak commits the valid records of a request in which another record failed is UNKNOWN
 * (API.md §4.3). So when the envelope says false, the items whose own records all succeeded are
 * 'retry' with readBackFirst: a read-back (or the "already registered" answer on resend) tells
 * whether they are in; they are never marked sent on the word of a failed request.
 */
export function mapSaveResults(batch: PushBatch, outcome: SaveAllDataOutcome): ItemOutcome[] {
  const paired: Paired[] = batch.slots.map((slot) => ({
    slot,
    result: resultFor(outcome.results[slot.collection], slot.index),
  }));
  const byItem = new Map<string, Paired[]>();
  for (const p of paired) byItem.set(p.slot.outboxId, [...(byItem.get(p.slot.outboxId) ?? []), p]);
  return batch.outboxIds.map((outboxId) =>
    itemOutcome(outboxId, byItem.get(outboxId) ?? [], batch, paired, outcome),
  );
}

function itemOutcome(
  outboxId: string,
  records: Paired[],
  batch: PushBatch,
  all: Paired[],
  outcome: SaveAllDataOutcome,
): ItemOutcome {
  const failed = records.filter((r) => r.result && !r.result.Result);
  const mayBeCommitted = records.some((r) => r.result?.Result === true);
  if (failed.length > 0) {
    const verdict = failedOutcome(outboxId, withoutConsequences(failed), mayBeCommitted, batch, all);
    return verdict.kind === 'failed' ? { ...verdict, refused: refusedByMahak(records, outcome) } : verdict;
  }
  const unconfirmed = records.some((r) => !r.result || r.result.EntityId === undefined);
  if (unconfirmed)
    return { kind: 'retry', outboxId, why: 'no_result', countsAsAttempt: true, readBackFirst: true };
  if (!outcome.result) {
    return { kind: 'retry', outboxId, why: 'request_failed', countsAsAttempt: false, readBackFirst: true };
  }
  return { kind: 'sent', outboxId, saved: records.map(savedRecord) };
}

/**
 * A line, receipt or cheque whose only complaint is that its parent (the order or the receipt of the
 * same item) could not be found failed BECAUSE the parent failed: the parent's own errors name the
 * dispute. Without this, "OrderClientId not found" on a line would hide e.g. a missing customer.
 */
const parentRef = /^(order|receipt)(id|clientid|code)$/;
const childRoles: ReadonlySet<RecordRole> = new Set(['orderDetail', 'receipt', 'cheque']);

function withoutConsequences(failed: Paired[]): Paired[] {
  const parentFailed = failed.some((r) => r.slot.role === 'order' || r.slot.role === 'receipt');
  if (!parentFailed) return failed;
  const isParentRef = (e: RecordError) => parentRef.test((e.Property ?? '').trim().toLowerCase());
  const kept = failed.flatMap((r): Paired[] => {
    if (!childRoles.has(r.slot.role) || !r.result!.Errors.some(isParentRef)) return [r];
    const errors = r.result!.Errors.filter((e) => !isParentRef(e));
    return errors.length === 0 ? [] : [{ slot: r.slot, result: { ...r.result!, Errors: errors } }];
  });
  return kept.length > 0 ? kept : failed;
}

function failedOutcome(
  outboxId: string,
  failed: Paired[],
  mayBeCommitted: boolean,
  batch: PushBatch,
  all: Paired[],
): ItemOutcome {
  const verdict = mostSevere(failed.map((r) => classifyRecordFailure(r.slot.role, r.result!.Errors)));
  const errors = failed.flatMap(errorViews);
  switch (verdict.kind) {
    case 'already_sent':
      return { kind: 'already_sent', outboxId };
    case 'dispute':
      return { kind: 'dispute', outboxId, reason: verdict.reason, errors, mayBeCommitted };
    case 'dependency':
      // The order could not find its customer: innocent if the person in this request failed.
      if (personFailedInBatch(failed, batch, all)) {
        return {
          kind: 'retry',
          outboxId,
          why: 'dependency_failed',
          countsAsAttempt: false,
          readBackFirst: mayBeCommitted,
        };
      }
      return { kind: 'dispute', outboxId, reason: 'person_rejected', errors, mayBeCommitted };
    case 'unknown':
      return { kind: 'failed', outboxId, errors, mayBeCommitted, refused: false };
  }
}

const moneyRoles: ReadonlySet<RecordRole> = new Set(['receipt', 'cheque']);

/**
 * Mahak's own "no" to the item: its order (or person) record came back Result:false — with errors of
 * its own, or as part of a request whose envelope said false (an application error gives no records at
 * all) — and no receipt or cheque of it said yes. A record Mahak said nothing about under a true
 * envelope is no answer. A commit after such a "no" would be Mahak contradicting itself, so the confirm
 * window (which waits for late commits of saves Mahak may have made) does not apply; one read-back
 * still checks it (API.md §4.3: partial commits unknown).
 */
function refusedByMahak(records: Paired[], outcome: SaveAllDataOutcome): boolean {
  const head = records.find((r) => r.slot.role === 'order' || r.slot.role === 'person');
  const said = head?.result;
  if (!said || said.Result !== false) return false;
  if ((said as { Missing?: boolean }).Missing === true && outcome.result) return false;
  return !records.some((r) => moneyRoles.has(r.slot.role) && r.result?.Result === true);
}

function personFailedInBatch(failed: Paired[], batch: PushBatch, all: Paired[]): boolean {
  const order = failed.find((r) => r.slot.role === 'order') ?? failed[0];
  const orders = batch.body.Orders ?? [];
  const personClientId = order.slot.role === 'order' ? orders[order.slot.index]?.PersonClientId : undefined;
  if (personClientId === undefined) return false;
  const person = all.find((p) => p.slot.role === 'person' && p.slot.clientId === personClientId);
  return person !== undefined && person.result?.Result !== true;
}

function savedRecord({ slot, result }: Paired): SavedRecord {
  const saved: SavedRecord = {
    role: slot.role,
    clientId: slot.clientId,
    serverId: result!.EntityId!,
    rowVersion: result!.RowVersion ?? null,
  };
  if (slot.lineIndex !== undefined) saved.lineIndex = slot.lineIndex;
  return saved;
}

function errorViews({ slot, result }: Paired): RecordErrorView[] {
  const none: RecordError = { Property: undefined, Code: undefined, Error: undefined };
  const errors: readonly RecordError[] = result?.Errors.length ? result.Errors : [none];
  return errors.map((e) => ({
    collection: slot.collection,
    role: slot.role,
    ...(slot.lineIndex === undefined ? {} : { lineIndex: slot.lineIndex }),
    property: e.Property ?? null,
    code: e.Code ?? null,
    message: e.Error ?? null,
  }));
}
