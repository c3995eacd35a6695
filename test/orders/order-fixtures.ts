import { pulledEntities, type PulledEntityName } from '../../core/contracts/mahak-wire.js';
import type { CheckoutRequest } from '../../core/contracts/orders.js';
import type { Storage } from '../../core/store/storage.js';
import { ourStoreId, priceOf } from '../api/catalog-fixture.js';

/**
 * Checkout fixtures over the Persian test catalogue (test/api/catalog-fixture.ts): variant id =
 * product id x 10, price1 = priceOf(product) rial, stock 5 in our store for odd products, 0 for even;
 * variant 230 is not assigned to our visitor, 240 belongs to a deleted product.
 */
export const inStock = { a: 10, b: 30, c: 50 } as const;
export const soldOut = 20;
export const unassigned = 230;
export const priceOfVariant = (variantId: number) => priceOf(variantId / 10);

/** As a customer types it: Persian digits, spaces, Arabic yeh. */
export const address = {
  title: 'خانه',
  province: 'تهران',
  city: 'تهران',
  address: 'خیابان ولیعصر، کوچه بهار، پلاک ۱۲، واحد ۳',
  postalCode: '۱۴۱۵۸-۹۳۴۵۶',
  mobile: '۰۹۱۲ ۳۴۵ ۶۷۸۹',
  receiverName: 'سارا محمدي',
};

export function checkoutBody(
  lines: { variantId: number; quantity: number; expectedUnitPrice?: number }[],
  paymentMethod: CheckoutRequest['paymentMethod'] = 'cash_on_delivery',
): Record<string, unknown> {
  return { lines, address, paymentMethod, note: 'لطفاً قبل از ارسال تماس بگیرید' };
}

let rowVersion = 1_000_000;
const rv = () => ++rowVersion;

/** One page through the real pull path, like a later pull bringing changes from Mahak. */
export async function pull(
  storage: Storage,
  entity: PulledEntityName,
  wire: Record<string, unknown>[],
): Promise<number[]> {
  const records = wire.map((r) => pulledEntities[entity].schema.parse(r) as Record<string, unknown>);
  const versions = records.map((r) => r.RowVersion as number);
  await storage.applyPullPage({
    runId: `orders-test-${rowVersion}`,
    seq: 0,
    entity,
    records,
    checkpoint: Math.max(...versions),
  });
  return versions;
}

export function pullPrice(storage: Storage, variantId: number, price1: number) {
  const productId = variantId === 11 ? 1 : variantId / 10;
  return pull(storage, 'ProductDetails', [
    {
      ProductDetailId: variantId,
      ProductDetailCode: variantId,
      ProductId: productId,
      Price1: price1,
      Deleted: false,
      RowVersion: rv(),
    },
  ]);
}

export function pullStock(storage: Storage, variantId: number, count1: number, rowVersion = rv()) {
  return pull(storage, 'ProductDetailStoreAssets', [
    {
      ProductDetailStoreAssetId: 9000 + variantId,
      ProductDetailId: variantId,
      StoreId: ourStoreId,
      Count1: count1,
      Deleted: false,
      RowVersion: rowVersion,
    },
  ]);
}

export function pullUnassign(storage: Storage, variantId: number) {
  return pull(storage, 'VisitorProducts', [
    {
      VisitorProductId: 5000 + variantId,
      ProductDetailId: variantId,
      VisitorId: 7,
      Deleted: true,
      RowVersion: rv(),
    },
  ]);
}

export const nextRowVersion = rv;
