import type {
  AddressView,
  CheckoutAddress,
  OrderStatus,
  OrderView,
  PaymentMethod,
  PricedLine,
  SyncStatus,
} from '../contracts/orders.js';
import { readJson } from '../store/sql-values.js';

/** One orders row as both drivers return it (numbers as JS numbers, JSON as text). */
export interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderStatus;
  payment_method: PaymentMethod;
  items_total: number;
  tax_total: number;
  charge_total: number;
  shipping_cost: number;
  total: number;
  shipping_address: string;
  note: string | null;
  order_seq: number;
  idempotency_key: string | null;
  request_hash: string | null;
  cart_id: string | null;
  payment_deadline: number | null;
  verifying_payment_id: string | null;
  payment_verifying_at: number | null;
  sync_status: SyncStatus;
  mahak_order_id: number | null;
  created_at: number;
  updated_at: number;
  cancelled_at: number | null;
  cancel_reason: string | null;
}

export interface OrderLineRow {
  order_id: string;
  line_index: number;
  variant_id: number;
  product_id: number;
  product_name: string;
  quantity: number;
  unit_price: number;
  line_net: number;
  tax_percent: number;
  charge_percent: number;
  tax_amount: number;
  charge_amount: number;
  line_total: number;
}

/** Why an order was cancelled; kept on the row and told to the customer. */
export type CancelReason = 'customer' | 'payment_timeout' | 'staff';

export const orderColumns =
  'id, customer_id, status, payment_method, items_total, tax_total, charge_total, shipping_cost, total, ' +
  'shipping_address, note, order_seq, idempotency_key, request_hash, cart_id, payment_deadline, ' +
  'verifying_payment_id, payment_verifying_at, sync_status, mahak_order_id, created_at, updated_at, ' +
  'cancelled_at, cancel_reason';

export function toPricedLine(row: OrderLineRow): PricedLine {
  return {
    variantId: Number(row.variant_id),
    productId: Number(row.product_id),
    productName: row.product_name,
    quantity: Number(row.quantity),
    unitPrice: Number(row.unit_price),
    lineNet: Number(row.line_net),
    taxPercent: Number(row.tax_percent),
    chargePercent: Number(row.charge_percent),
    taxAmount: Number(row.tax_amount),
    chargeAmount: Number(row.charge_amount),
    lineTotal: Number(row.line_total),
  };
}

/** The stored (already validated and normalised) shipping address. */
export const addressOf = (row: OrderRow): CheckoutAddress => readJson<CheckoutAddress>(row.shipping_address);

export function toAddressView(a: CheckoutAddress): AddressView {
  const { title, province, city, cityId, address, postalCode, mobile, tel, receiverName } = a;
  return {
    city,
    address,
    postalCode,
    mobile,
    receiverName,
    ...(title === undefined ? {} : { title }),
    ...(province === undefined ? {} : { province }),
    ...(cityId === undefined ? {} : { cityId }),
    ...(tel === undefined ? {} : { tel }),
  };
}

export function toOrderView(row: OrderRow, lines: readonly OrderLineRow[]): OrderView {
  return {
    id: row.id,
    status: row.status,
    paymentMethod: row.payment_method,
    syncStatus: row.sync_status,
    mahakOrderId: row.mahak_order_id === null ? null : Number(row.mahak_order_id),
    lines: [...lines].sort((a, b) => a.line_index - b.line_index).map(toPricedLine),
    totals: {
      itemsTotal: Number(row.items_total),
      taxTotal: Number(row.tax_total),
      chargeTotal: Number(row.charge_total),
      shippingCost: Number(row.shipping_cost),
      total: Number(row.total),
    },
    address: toAddressView(addressOf(row)),
    ...(row.note === null ? {} : { note: row.note }),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
