import type { DisputeReason } from '../contracts/orders.js';
import type { EntityUpdateResult } from '../contracts/mahak-wire.js';
import type { RecordRole } from './order-mapping.js';
import { nextAttemptDelay, type BackoffOptions } from './push-backoff.js';
import { normalisePersian } from './persian.js';

/**
 * What went wrong with one SaveAllData record or one whole request. Mahak publishes no error catalogue
 * (API.md §7); the rules below go by the Property of each error, plus the one Persian message seen.
 */

export type RecordError = EntityUpdateResult['Errors'][number];

export type RecordFailure =
  /** Mahak already holds this OrderClientId: the order is in, never send a second invoice. */
  | { kind: 'already_sent' }
  /** The record's parent (the person) could not be resolved. */
  | { kind: 'dependency' }
  | { kind: 'dispute'; reason: DisputeReason }
  /** No Property and nothing recognisable: counts towards the dead-letter limit. */
  | { kind: 'unknown' };

const propertyReasons: [RegExp, DisputeReason][] = [
  [/^(productdetail(id|clientid|code)|product(id|code))$/, 'product_deleted'],
  [/^price\d*$/, 'price_changed'],
  [/^count[12]$/, 'stock_changed'],
  [/^persongroup(id|clientid|code)$/, 'missing_person_group'],
];
const personRef = /^person(id|clientid|code)$/;

/** Most specific first: when one record has several errors, the highest one names the dispute. */
const reasonPriority: DisputeReason[] = [
  'product_deleted',
  'stock_changed',
  'price_changed',
  'missing_person_group',
  'person_rejected',
  'validation',
];

/**
 * "Already registered / cannot be edited": a re-sent order is rejected on Property `OrderId` with a
 * Persian message containing «ثبت» and «ویرایش» (API.md §4.2, S5). «ثبت نشد…» ("was not registered")
 * also contains «ثبت» and must not count.
 */
export function isAlreadyRegistered(role: RecordRole, error: RecordError): boolean {
  const message = normalisePersian(error.Error ?? '');
  return (
    role === 'order' &&
    (error.Property ?? '').trim().toLowerCase() === 'orderid' &&
    message.includes('ثبت') &&
    !message.includes('ثبت نشد')
  );
}

function reasonOf(role: RecordRole, error: RecordError): RecordFailure {
  const property = (error.Property ?? '').trim().toLowerCase();
  const message = normalisePersian(error.Error ?? '');
  for (const [pattern, reason] of propertyReasons)
    if (pattern.test(property)) return { kind: 'dispute', reason };
  if (message.includes('کالا') && message.includes('حذف'))
    return { kind: 'dispute', reason: 'product_deleted' };
  if (message.includes('موجودی')) return { kind: 'dispute', reason: 'stock_changed' };
  // A person error without a Property is no verdict on the person: typically "not saved because of
  // other records" of an all-or-nothing request (the simulator's atomicSave), so it stays 'unknown'.
  if ((role === 'person' || role === 'visitorPerson') && property !== '')
    return { kind: 'dispute', reason: 'person_rejected' };
  if (personRef.test(property)) return { kind: 'dependency' };
  if (property !== '') return { kind: 'dispute', reason: 'validation' };
  return { kind: 'unknown' };
}

/** One verdict for a failed record from all its errors. An empty error list is 'unknown'. */
export function classifyRecordFailure(role: RecordRole, errors: readonly RecordError[]): RecordFailure {
  if (errors.some((e) => isAlreadyRegistered(role, e))) return { kind: 'already_sent' };
  const verdicts = errors.map((e) => reasonOf(role, e));
  return mostSevere(verdicts);
}

/** already_sent > dispute (by reasonPriority) > dependency > unknown. */
export function mostSevere(verdicts: readonly RecordFailure[]): RecordFailure {
  if (verdicts.some((v) => v.kind === 'already_sent')) return { kind: 'already_sent' };
  const reasons = verdicts.flatMap((v) => (v.kind === 'dispute' ? [v.reason] : []));
  const reason = reasonPriority.find((r) => reasons.includes(r));
  if (reason) return { kind: 'dispute', reason };
  if (verdicts.some((v) => v.kind === 'dependency')) return { kind: 'dependency' };
  return { kind: 'unknown' };
}

// ---- whole-request failures ----

export type TransportClass = 'transient' | 'poison' | 'unknown';

/**
 * MAHAK_AUTH_FAILED is transient for the record: wrong credentials are the operator's to fix, and the
 * order must not be dead-lettered for it meanwhile (the longer transient allowance applies).
 */
const transientCodes = new Set([
  'MAHAK_UNAVAILABLE',
  'MAHAK_AUTH_FAILED',
  'RATE_LIMITED',
  'STORAGE_UNAVAILABLE',
]);
const poisonCodes = new Set(['VALIDATION_FAILED', 'PUSH_AMOUNT_NOT_CONVERTIBLE']);
const networkCodes = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
]);

const field = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;

/** HTTP status Mahak answered with, if the error carries one (details.status or an axios response). */
function httpStatusOf(e: unknown): number | undefined {
  const s = field(field(e, 'details'), 'status') ?? field(field(e, 'response'), 'status');
  return typeof s === 'number' ? s : undefined;
}

/**
 * A failure of the whole SaveAllData call: HamgamError MAHAK_UNAVAILABLE, timeouts, 5xx and 429 are
 * transient (retry with backoff, the payload is fine); an invalid payload is poison (dead-letter now);
 * anything else is unknown (retry a few times, then dead-letter).
 */
export function classifyTransportFailure(e: unknown): TransportClass {
  const code = field(e, 'code');
  if (typeof code === 'string') {
    if (transientCodes.has(code) || networkCodes.has(code)) return 'transient';
    if (poisonCodes.has(code)) return 'poison';
  }
  const status = httpStatusOf(e);
  if (status !== undefined && (status >= 500 || status === 429 || status === 408)) return 'transient';
  if (field(e, 'name') === 'TimeoutError' || field(e, 'name') === 'AbortError') return 'transient';
  return 'unknown';
}

export interface FailurePolicy {
  /** Attempts for unknown failures before the dead-letter store. */
  maxAttempts: number;
  /** Transient failures are not the record's fault, so they get a much longer allowance. */
  maxTransientAttempts: number;
  backoff: BackoffOptions;
}

export const defaultFailurePolicy: FailurePolicy = {
  maxAttempts: 5,
  maxTransientAttempts: 60,
  backoff: { baseMs: 2_000, maxMs: 15 * 60_000 },
};

export type FailureDecision =
  { action: 'retry'; delayMs: number } | { action: 'dead_letter'; reason: string };

/** `attempts` = attempts made so far, this failed one included (ARCHITECTURE.md invariant 6). */
export function decideAfterFailure(
  kind: TransportClass,
  attempts: number,
  policy: FailurePolicy,
): FailureDecision {
  if (kind === 'poison') return { action: 'dead_letter', reason: 'payload rejected as invalid' };
  const limit = kind === 'transient' ? policy.maxTransientAttempts : policy.maxAttempts;
  if (attempts >= limit)
    return { action: 'dead_letter', reason: `${kind} failure after ${attempts} attempts` };
  return { action: 'retry', delayMs: nextAttemptDelay(attempts, policy.backoff) };
}
