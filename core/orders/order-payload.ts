import type { CheckoutAddress, PaymentMethod, PushOrderPayload, PushPayment } from '../contracts/orders.js';
import type { OrderDraft } from '../domain/checkout-rules.js';
import type { SqlExecutor } from '../store/sql-db.js';
import type { CustomerRef } from './customer-ref.js';

export interface OrderPayloadInput {
  orderId: string;
  orderSeq: number;
  createdAt: number;
  customer: CustomerRef;
  draft: OrderDraft;
  address: CheckoutAddress;
  note?: string;
  paymentMethod: PaymentMethod;
}

/**
 * Nothing paid yet: cash on delivery is collected by the courier (Mahak gets a credit invoice), and an
 * online order waits, held in the outbox, until the gateway confirms (payment-service.ts replaces
 * this with the paid form before releasing it).
 */
export const unpaid = (method: PaymentMethod): PushPayment => ({ method, paid: false, amount: 0 });

/** The order as the push sends it (API.md §4.1): revision 0, our sequences, rial amounts. */
export function buildOrderPayload(o: OrderPayloadInput): PushOrderPayload {
  return {
    kind: 'order',
    orderId: o.orderId,
    orderSeq: o.orderSeq,
    revision: 0,
    createdAt: new Date(o.createdAt).toISOString(),
    customer: { personSeq: o.customer.personSeq, personServerId: o.customer.personServerId },
    lines: o.draft.lines,
    totals: o.draft.totals,
    shipping: o.address,
    payment: unpaid(o.paymentMethod),
    ...(o.note ? { note: o.note } : {}),
  };
}

/**
 * Mahak setting 14008 (levy + tax enabled, API.md §3.4): values look like "1.00000000". Missing means
 * off: the customer then pays the shelf price and Mahak adds nothing either.
 */
export async function readTaxEnabled(db: SqlExecutor): Promise<boolean> {
  const rows = await db.query<{ value: string | null }>(
    'SELECT value FROM settings WHERE code = 14008 AND deleted_at IS NULL ORDER BY row_version DESC LIMIT 1',
  );
  const value = Number.parseFloat(rows[0]?.value ?? '0');
  return Number.isFinite(value) && value >= 1;
}
