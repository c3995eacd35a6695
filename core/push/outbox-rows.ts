import { readJson } from '../store/sql-values.js';
import type { OutboxKind, OutboxState } from './outbox-repo.js';

/**
 * One line of push_outbox.history (and of the dead letter it may become): an attempt's outcome, or a
 * note between attempts (a read-back, a send that did not count, a staff decision).
 */
export interface AttemptEntry {
  at: number;
  /** sent | already_sent | retry | dispute | failed | transport | readback_missing | bystander | deferred ... */
  outcome: string;
  error?: string;
  /**
   * The attempt this line reports, as the `attempts` counter stood once it was counted (push-send.ts).
   * Absent on notes, and on every line written before attempts were numbered (old rows stay readable).
   */
  attempt?: number;
  /** Staff put the row back in line here (reopenRow): `attempts` started again at 0. */
  reset?: true;
  /**
   * Mahak answered this attempt with a refusal of the item (push-results.ts refusedByMahak): after one
   * read-back that does not find it, it may be sent again without waiting out the confirm window.
   */
  refused?: boolean;
}

/** A push_outbox row as the worker sees it (both drivers read back the same). */
export interface OutboxRow {
  id: string;
  kind: OutboxKind;
  orderId: string | null;
  customerId: string | null;
  /** Raw JSON; validated again before use (invariant 7). */
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  attemptStartedAt: number | null;
  readbackFrom: number | null;
  clientId: number | null;
  serverId: number | null;
  lastError: string | null;
  history: AttemptEntry[];
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  /** When Mahak said yes to this order (migration 014): from then on it is only read back. */
  acceptedAt: number | null;
  /** The EntityId Mahak answered with when it said yes (null: "already registered" gave none). */
  acceptedId: number | null;
  /** Place in line: written in this order, leased in this order (migration 020). */
  seq: number;
  /** The invoice is in Mahak but its payment is not: only the payment is sent, tied to this OrderId. */
  postedOrderId: number | null;
}

export const outboxColumns =
  'id, kind, order_id, customer_id, payload, state, attempts, next_attempt_at, attempt_started_at, ' +
  'readback_from, client_id, server_id, last_error, history, created_at, updated_at, sent_at, ' +
  'accepted_at, accepted_id, posted_order_id, seq';

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toOutboxRow(r: Record<string, unknown>): OutboxRow {
  return {
    id: String(r.id),
    kind: r.kind as OutboxKind,
    orderId: (r.order_id as string | null) ?? null,
    customerId: (r.customer_id as string | null) ?? null,
    payload: readJson(r.payload),
    state: r.state as OutboxState,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    attemptStartedAt: numOrNull(r.attempt_started_at),
    readbackFrom: numOrNull(r.readback_from),
    clientId: numOrNull(r.client_id),
    serverId: numOrNull(r.server_id),
    lastError: (r.last_error as string | null) ?? null,
    history: readJson<AttemptEntry[]>(r.history) ?? [],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    sentAt: numOrNull(r.sent_at),
    acceptedAt: numOrNull(r.accepted_at),
    acceptedId: numOrNull(r.accepted_id),
    postedOrderId: numOrNull(r.posted_order_id),
    seq: Number(r.seq),
  };
}

/** Keeps the newest entries: a row retried for days must not grow without bound. */
export const MAX_HISTORY = 50;

/** Outcomes of staff reopens written before `reset` existed. */
const legacyResets: ReadonlySet<string> = new Set(['retried_from_dead_letter', 'resolved:resend']);

/**
 * The lines since staff last put the row back in line (that line included): the attempts that the
 * `attempts` counter counts now. Older lines belong to attempts staff already looked at.
 */
export function sinceLastReset(history: readonly AttemptEntry[]): AttemptEntry[] {
  const i = history.findLastIndex((e) => e.reset === true || legacyResets.has(e.outcome));
  return history.slice(Math.max(0, i));
}

export function withEntry(history: readonly AttemptEntry[], entry: AttemptEntry): AttemptEntry[] {
  return [...history, entry].slice(-MAX_HISTORY);
}
