import type { Config } from '../config/config-schema.js';
import type { PushOrderPayload } from '../contracts/orders.js';
import { orderClientId } from '../domain/client-ids.js';
import type { SqlExecutor } from '../store/sql-db.js';
import type { DisputeRecord } from './dispute-repo.js';
import { localIdsByVariant, lookupByIds, lookupWhere } from './mahak-lookup.js';
import { getOutboxRow } from './outbox-lease.js';
import { getGeneration } from './outbox-repo.js';
import type { PushMahak } from './push-ports.js';
import { fetchOrdersSince } from './push-readback-fetch.js';

export interface LiveDeps {
  mahak: PushMahak;
  db: SqlExecutor;
  config: Config;
  /** The store our order lines come from (push-settings.ts resolvePushStoreId); undefined: any store. */
  storeId: number | undefined;
}

/**
 * Mahak's CURRENT records for a dispute, read now through the same lookups the push side uses when it
 * opens one (mahak-lookup.ts, push-readback-fetch.ts): for an order every line's goods, prices, stock
 * and the customer's price level; for a read-back mismatch the invoice Mahak holds; for a person the
 * person groups. Unlike the capture at opening time, every collection a comparison can use is read,
 * whatever the reason, so the workbench shows all the fields.
 */
export async function readMahakCurrent(deps: LiveDeps, d: DisputeRecord): Promise<Record<string, unknown>> {
  const lookup = { mahak: deps.mahak, db: deps.db, pageSize: Math.min(deps.config.pageSize, 500) };
  if (d.payload.kind === 'person')
    return { PersonGroups: await lookupWhere(lookup, 'PersonGroups', 0, () => true) };
  const payload = d.payload;
  if (d.reason === 'readback_mismatch') return invoiceOf(deps, d, payload);
  const variants = payload.lines.map((l) => l.variantId);
  return {
    Products: await lookupByIds(lookup, 'Products', [...new Set(payload.lines.map((l) => l.productId))]),
    ProductDetails: await lookupByIds(lookup, 'ProductDetails', variants),
    VisitorProducts: await lookupByIds(
      lookup,
      'VisitorProducts',
      await localIdsByVariant(deps.db, 'VisitorProducts', variants),
    ),
    ProductDetailStoreAssets: await stockOf(deps, lookup, variants),
    ...(payload.customer.personServerId
      ? { People: await lookupByIds(lookup, 'People', [payload.customer.personServerId]) }
      : {}),
    PersonGroups: await lookupWhere(lookup, 'PersonGroups', 0, () => true),
  };
}

async function stockOf(deps: LiveDeps, lookup: Parameters<typeof lookupByIds>[0], variants: number[]) {
  const ids = await localIdsByVariant(deps.db, 'ProductDetailStoreAssets', variants);
  if (ids.length > 0) return lookupByIds(lookup, 'ProductDetailStoreAssets', ids);
  const wanted = new Set(variants);
  return lookupWhere(
    lookup,
    'ProductDetailStoreAssets',
    0,
    (r) =>
      wanted.has(Number(r.ProductDetailId)) &&
      (deps.storeId === undefined || Number(r.StoreId) === deps.storeId),
  );
}

async function invoiceOf(deps: LiveDeps, d: DisputeRecord, payload: PushOrderPayload) {
  const generation = await getGeneration(deps.db);
  if (generation === undefined) return { Orders: [], OrderDetails: [] };
  const row = await getOutboxRow(deps.db, d.outboxId);
  const rows = await fetchOrdersSince(
    deps.mahak,
    row?.readbackFrom ?? 0,
    { orderClientIds: new Set([orderClientId(generation, payload.orderSeq)]), detailClientIds: new Set() },
    deps.config.pageSize,
  );
  return { Orders: rows.orders, OrderDetails: rows.details };
}
