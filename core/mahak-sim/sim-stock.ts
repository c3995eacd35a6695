import type { SimDatabase, SimTx } from './sim-database.js';
import { assetIdOf, visitorProductIdOf } from './sim-relations.js';

/** Stock of a detail in a store (main unit); 0 when the detail has no row for that store. */
export function stockOf(tx: SimTx, db: SimDatabase, detailId: number, storeId: number): number {
  const id = assetIdOf(db, detailId, storeId);
  const row = id === undefined ? undefined : tx.get('ProductDetailStoreAssets', id);
  return row && row.Deleted !== true ? Number(row.Count1 ?? 0) : 0;
}

/**
 * Set a detail's stock in one store: the ProductDetailStoreAssets row gets a new RowVersion, and so does the
 * visitor's VisitorProducts row, whose Count1 the sim keeps equal to the detail's stock over all stores.
 */
export function writeStock(
  tx: SimTx,
  db: SimDatabase,
  detailId: number,
  storeId: number,
  count1: number,
  count2?: number,
): void {
  const id = assetIdOf(db, detailId, storeId);
  const ratio = unitRatioOf(tx, detailId);
  const c2 = count2 ?? (ratio > 0 ? Math.floor(count1 / ratio) : 0);
  if (id === undefined) {
    tx.insert('ProductDetailStoreAssets', {
      ProductDetailId: detailId,
      StoreId: storeId,
      Count1: count1,
      Count2: c2,
    });
  } else {
    tx.update('ProductDetailStoreAssets', id, { Count1: count1, Count2: c2, Deleted: false });
  }
  refreshVisitorStock(tx, db, detailId);
}

export function refreshVisitorStock(tx: SimTx, db: SimDatabase, detailId: number, knownTotal?: number): void {
  const vpId = visitorProductIdOf(db, db.visitorId, detailId);
  if (vpId === undefined) return;
  const vp = tx.get('VisitorProducts', vpId);
  if (!vp) return;
  let total = knownTotal ?? 0;
  if (knownTotal === undefined)
    for (let s = 1; s <= db.catalogue.storeCount; s++) total += stockOf(tx, db, detailId, s);
  const ratio = unitRatioOf(tx, detailId);
  if (vp.Count1 !== total)
    tx.update('VisitorProducts', vpId, { Count1: total, Count2: ratio > 0 ? Math.floor(total / ratio) : 0 });
}

function unitRatioOf(tx: SimTx, detailId: number): number {
  const detail = tx.get('ProductDetails', detailId);
  const product = detail ? tx.get('Products', detail.ProductId as number) : undefined;
  return Number(product?.UnitRatio ?? 0);
}
