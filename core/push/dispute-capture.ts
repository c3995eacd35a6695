import type { PushOrderPayload } from '../contracts/orders.js';
import { orderClientId } from '../domain/client-ids.js';
import { linesNamed } from './dispute-suggest.js';
import { localIdsByVariant, lookupByIds, lookupWhere } from './mahak-lookup.js';
import type { PushContext } from './push-context.js';
import type { Decision } from './push-decisions.js';
import { fetchOrdersSince } from './push-readback-fetch.js';

type DisputeDecision = Decision & { kind: 'dispute' };

/**
 * Mahak's CURRENT version of the records a dispute is about, kept raw beside what we sent so staff see
 * both sides: the goods (ProductDetail with its prices and stock, Product, the visitor's assignment),
 * the person groups, the customer, or the invoice Mahak holds (read-back mismatch).
 */
export async function captureMahakCurrent(
  ctx: PushContext,
  d: DisputeDecision,
): Promise<Record<string, unknown>> {
  const deps = { mahak: ctx.mahak, db: ctx.storage.db, pageSize: Math.min(ctx.settings.pageSize, 500) };
  const payload = d.item.payload;
  if (payload.kind === 'person') {
    return { PersonGroups: await lookupWhere(deps, 'PersonGroups', 0, () => true) };
  }
  const lines = linesInvolved(payload, d);
  const variants = lines.map((l) => l.variantId);
  switch (d.reason) {
    case 'product_deleted':
      return {
        Products: await lookupByIds(
          deps,
          'Products',
          lines.map((l) => l.productId),
        ),
        ProductDetails: await lookupByIds(deps, 'ProductDetails', variants),
        VisitorProducts: await lookupByIds(
          deps,
          'VisitorProducts',
          await localIdsByVariant(deps.db, 'VisitorProducts', variants),
        ),
      };
    case 'price_changed':
      return {
        ProductDetails: await lookupByIds(deps, 'ProductDetails', variants),
        ...(payload.customer.personServerId
          ? { People: await lookupByIds(deps, 'People', [payload.customer.personServerId]) }
          : {}),
        PersonGroups: await lookupWhere(deps, 'PersonGroups', 0, () => true),
      };
    case 'stock_changed':
      return {
        ProductDetails: await lookupByIds(deps, 'ProductDetails', variants),
        ProductDetailStoreAssets: await stockRows(ctx, deps, variants),
      };
    case 'readback_mismatch':
    case 'saved_not_visible':
    case 'payment_missing':
      return invoiceInMahak(ctx, d.item.row.readbackFrom ?? 0, payload);
    default:
      return { ProductDetails: await lookupByIds(deps, 'ProductDetails', variants) };
  }
}

/** The lines the errors point at (by lineIndex), or every line when they point at none. */
function linesInvolved(payload: PushOrderPayload, d: DisputeDecision) {
  const indexes = linesNamed(d.errors);
  return indexes.size === 0 ? payload.lines : payload.lines.filter((_, i) => indexes.has(i));
}

async function stockRows(ctx: PushContext, deps: Parameters<typeof lookupByIds>[0], variants: number[]) {
  const ids = await localIdsByVariant(deps.db, 'ProductDetailStoreAssets', variants);
  if (ids.length > 0) return lookupByIds(deps, 'ProductDetailStoreAssets', ids);
  const wanted = new Set(variants);
  return lookupWhere(
    deps,
    'ProductDetailStoreAssets',
    0,
    (r) => wanted.has(Number(r.ProductDetailId)) && Number(r.StoreId) === ctx.cfg.storeId,
  );
}

async function invoiceInMahak(ctx: PushContext, from: number, payload: PushOrderPayload) {
  const id = orderClientId(ctx.cfg.generation, payload.orderSeq);
  const rows = await fetchOrdersSince(
    ctx.mahak,
    from,
    { orderClientIds: new Set([id]), detailClientIds: new Set() },
    ctx.settings.pageSize,
  );
  return { Orders: rows.orders, OrderDetails: rows.details };
}
