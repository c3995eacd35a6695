import {
  pushPayloadSchema,
  type PushOrderPayload,
  type PushPayload,
  type PushPersonPayload,
} from '../contracts/orders.js';
import { orderClientId, personClientId } from '../domain/client-ids.js';
import type { OutboxRow } from './outbox-rows.js';

/** A leased row whose payload passed validation again (invariant 7: the outbox is a boundary too). */
export interface WorkItem {
  row: OutboxRow;
  payload: PushPayload;
}
export type OrderItem = WorkItem & { payload: PushOrderPayload };
export type PersonItem = WorkItem & { payload: PushPersonPayload };

export const isOrderItem = (i: WorkItem): i is OrderItem => i.payload.kind === 'order';
export const isPersonItem = (i: WorkItem): i is PersonItem => i.payload.kind === 'person';

export function parseRows(rows: readonly OutboxRow[]): {
  items: WorkItem[];
  invalid: { row: OutboxRow; error: string }[];
} {
  const items: WorkItem[] = [];
  const invalid: { row: OutboxRow; error: string }[] = [];
  for (const row of rows) {
    const parsed = pushPayloadSchema.safeParse(row.payload);
    if (parsed.success) items.push({ row, payload: parsed.data });
    else
      invalid.push({
        row,
        error: `outbox payload is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      });
  }
  return { items, invalid };
}

/**
 * The item carries a Cheque (a paid online order, or only its payment): it needs Mahak's bank
 * (push-choices.ts resolveBankChoice). Cash on delivery sends no payment record and needs none.
 */
export const needsBank = (i: WorkItem): boolean =>
  isOrderItem(i) && i.payload.payment.method === 'online' && i.payload.payment.paid;

/** OrderClientId / PersonClientId of an item. */
export function clientIdOf(item: WorkItem, generation: number): number {
  return item.payload.kind === 'order'
    ? orderClientId(generation, item.payload.orderSeq)
    : personClientId(generation, item.payload.personSeq);
}

/** The last outcome in the row's history (e.g. 'bystander' asks for a request of its own). */
export const lastOutcome = (item: WorkItem): string | undefined => item.row.history.at(-1)?.outcome;
