import type { DisputeReason } from '../contracts/orders.js';
import type { RecordErrorView } from '../domain/push-results.js';
import type { AttemptEntry } from './outbox-rows.js';
import type { WorkItem } from './push-items.js';
import type { OrderInMahak } from './order-sync-status.js';
import type { PushPayload } from '../contracts/orders.js';

/** What to do with one item after an attempt (or a read-back); applied by push-apply.ts. */
export type Decision =
  | {
      kind: 'sent';
      item: WorkItem;
      entry: AttemptEntry;
      serverId: number | null;
      /** Orders: Mahak's id and RowVersion of the invoice. */
      inMahak?: OrderInMahak;
    }
  | {
      kind: 'retry';
      item: WorkItem;
      entry: AttemptEntry;
      delayMs: number;
      keepInDoubt: boolean;
      uncount?: boolean;
      payload?: PushPayload;
      /** Mahak said yes to this order (id: its EntityId): from now on it is only read back. */
      accepted?: { id: number | null };
      /** The invoice is in Mahak (this OrderId) without its payment: the next sends carry only the payment. */
      postedOrderId?: number;
    }
  | {
      kind: 'dispute';
      item: WorkItem;
      entry: AttemptEntry;
      reason: DisputeReason;
      errors: RecordErrorView[];
      keepInDoubt: boolean;
      message?: string;
      requestBody?: unknown;
      /** Filled by dispute-capture.ts before applying: Mahak's current records. */
      mahakCurrent?: unknown;
      /** Read-back mismatches: the invoice Mahak holds. */
      orderServerId?: number;
    }
  | { kind: 'dead'; item: WorkItem; entry: AttemptEntry; reason: string }
  /** Handed back untouched, e.g. an order whose customer is not in Mahak yet. */
  | { kind: 'defer'; item: WorkItem; delayMs: number };

export type DecisionKind = Decision['kind'];

export function countByKind(decisions: readonly Decision[]): Record<DecisionKind, number> {
  const out: Record<DecisionKind, number> = { sent: 0, retry: 0, dispute: 0, dead: 0, defer: 0 };
  for (const d of decisions) out[d.kind]++;
  return out;
}
