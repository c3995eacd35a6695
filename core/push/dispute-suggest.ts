import type { PushOrderPayload } from '../contracts/orders.js';
import type { OrderEdit } from '../domain/dispute-rules.js';
import type { RecordErrorView } from '../domain/push-results.js';
import type { DisputeRecord } from './dispute-repo.js';

type Row = Record<string, unknown>;

export interface SuggestOptions {
  currency: 'rial' | 'toman';
  /** The storefront's price level (config sellPriceLevel), the last fallback. */
  sellPriceLevel: number;
  storeId: number | undefined;
  /** The configured group of new customers, when one is configured. */
  personGroupId: number | undefined;
}

const rowsOf = (d: DisputeRecord, key: string): Row[] => {
  const v = d.mahakCurrent?.[key];
  return Array.isArray(v) ? (v as Row[]) : [];
};
const live = (r: Row | undefined): r is Row => r !== undefined && r.Deleted !== true;

/**
 * "Accept Mahak's view" as edits for an order dispute, from the records captured with it: the current
 * price (at the customer's level: person, then person group, then the detail's default, as Mahak
 * prices a line), the stock in our store, a product that is gone. Empty when nothing applies or when
 * the edits would leave no line (the order should be cancelled instead).
 */
export function suggestOrderEdits(d: DisputeRecord, o: SuggestOptions): OrderEdit[] {
  if (d.payload.kind !== 'order') return [];
  const payload = d.payload;
  const indexes = linesNamed(d.errors);
  const involved = payload.lines.map((_, i) => i).filter((i) => indexes.size === 0 || indexes.has(i));
  const edits = involved.flatMap((i) => editFor(d, payload, i, o));
  const removed = edits.filter((e) => e.kind === 'remove_line').length;
  return removed >= payload.lines.length ? [] : edits;
}

/**
 * The lines the errors point at: those whose error names a Property (the cause); a line that only
 * "rolled back with the rest" of an all-or-nothing request is not involved. None named -> every line.
 */
export function linesNamed(errors: readonly RecordErrorView[]): Set<number> {
  const named = errors.filter((e) => e.lineIndex !== undefined && e.property);
  return new Set(named.map((e) => e.lineIndex!));
}

function editFor(d: DisputeRecord, payload: PushOrderPayload, i: number, o: SuggestOptions): OrderEdit[] {
  const line = payload.lines[i];
  const detail = rowsOf(d, 'ProductDetails').find((r) => Number(r.ProductDetailId) === line.variantId);
  switch (d.reason) {
    case 'product_deleted':
      // Restored in Mahak since (the records show it sold again): resend as is, nothing to remove.
      return availableIn(d, line) === true ? [] : [{ kind: 'remove_line', lineIndex: i }];
    case 'price_changed': {
      const price = detail ? priceOf(d, payload, detail, o) : undefined;
      return price !== undefined && price > 0 && price !== line.unitPrice
        ? [{ kind: 'set_unit_price', lineIndex: i, unitPrice: price }]
        : [];
    }
    case 'stock_changed': {
      const available = stockOf(d, line.variantId, o.storeId);
      if (available === undefined || available >= line.quantity) return [];
      return available < 1
        ? [{ kind: 'remove_line', lineIndex: i }]
        : [{ kind: 'set_quantity', lineIndex: i, quantity: Math.floor(available) }];
    }
    default:
      return [];
  }
}

/**
 * Whether Mahak sells the line's goods in these records: the variant and its product live, and the
 * visitor's assignment not deleted (only when one was read: no row means "not read", not "gone").
 * undefined when the records hold no ProductDetails to tell.
 */
export function availableIn(
  d: DisputeRecord,
  line: { variantId: number; productId: number },
): boolean | undefined {
  const details = d.mahakCurrent?.ProductDetails;
  if (!Array.isArray(details)) return undefined;
  const detail = (details as Row[]).find((r) => Number(r.ProductDetailId) === line.variantId);
  const product = rowsOf(d, 'Products').find((r) => Number(r.ProductId) === line.productId);
  const assigned = rowsOf(d, 'VisitorProducts').filter((r) => Number(r.ProductDetailId) === line.variantId);
  const productGone = Array.isArray(d.mahakCurrent?.Products) && !live(product);
  return live(detail) && !productGone && (assigned.length === 0 || assigned.some(live));
}

export function priceOf(
  d: DisputeRecord,
  payload: PushOrderPayload,
  detail: Row,
  o: SuggestOptions,
): number | undefined {
  const person = rowsOf(d, 'People').find((p) => Number(p.PersonId) === payload.customer.personServerId);
  const groupId = person ? Number(person.PersonGroupId) : o.personGroupId;
  const group = rowsOf(d, 'PersonGroups').find((g) => Number(g.PersonGroupId) === groupId);
  const level = [
    person?.SellPriceLevel,
    group?.SellPriceLevel,
    detail.DefaultSellPriceLevel,
    o.sellPriceLevel,
  ]
    .map(Number)
    .find((l) => Number.isInteger(l) && l >= 1 && l <= 10);
  const raw = Number(detail[`Price${level ?? o.sellPriceLevel}`]);
  if (!Number.isFinite(raw)) return undefined;
  // Mahak keeps money in its own currency; the store and the payload are rial (toman x 10).
  return Math.round(o.currency === 'toman' ? raw * 10 : raw);
}

export function stockOf(
  d: DisputeRecord,
  variantId: number,
  storeId: number | undefined,
): number | undefined {
  const rows = rowsOf(d, 'ProductDetailStoreAssets').filter(
    (r) =>
      Number(r.ProductDetailId) === variantId && (storeId === undefined || Number(r.StoreId) === storeId),
  );
  if (rows.length === 0) return undefined;
  return rows.filter(live).reduce((sum, r) => sum + Number(r.Count1 ?? 0), 0);
}

/** A person group that exists in Mahak: the configured one if it does, else the first live one. */
export function suggestPersonGroup(d: DisputeRecord, configured: number | undefined): number | null {
  const groups = rowsOf(d, 'PersonGroups').filter(live);
  if (configured !== undefined && groups.some((g) => Number(g.PersonGroupId) === configured))
    return configured;
  return groups.length > 0 ? Number(groups[0].PersonGroupId) : null;
}
