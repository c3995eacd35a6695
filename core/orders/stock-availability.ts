import type { PriceLevel, VariantFacts } from '../domain/checkout-rules.js';
import {
  activeReservationSum,
  hiddenProduct,
  priceColumn,
  publishedVariant,
  variantStock,
} from '../store/catalog-sql.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { variantLineName } from '../contracts/variant-properties.js';

/**
 * What the storefront may still sell of a variant (ARCHITECTURE.md "Push"; checkout-rules.ts):
 *
 *   available = synced stock (Count1 in config.storeId, or summed over stores when unset)
 *             - quantity of ACTIVE reservations
 *
 * A reservation is active while it is
 *   - not released (cancelled order, expired payment, or the sale has reached the stock row), and
 *   - not expired (`expires_at`: the payment deadline of an unpaid online order; NULL otherwise), and
 *   - not reflected: once the order is in Mahak, `reflect_after_rv` holds a RowVersion after which
 *     Mahak's stock includes the sale (Mahak's RowVersion is a database-wide counter, API.md §6, so a
 *     stock row pulled with a newer RowVersion was written after the invoice). Until such a pull, the
 *     quantity already sent to Mahak but not yet in our stock row keeps counting — no double sale in
 *     the gap between the push and the next pull, and no double count after it.
 *
 * Read this only under the variant locks (order-locks.ts) when deciding; outside them it is a hint.
 * The SQL lives in store/catalog-sql.ts, so the storefront catalogue shows the same number.
 */
export { activeReservationSum, reflected } from '../store/catalog-sql.js';

export interface FactsOptions {
  priceLevel: PriceLevel;
  storeId: number | undefined;
  now: number;
}

interface FactsRow {
  id: number;
  product_id: number | null;
  product_name: string | null;
  properties: string | null;
  price: number | null;
  tax_percent: number | null;
  charge_percent: number | null;
  published: number;
  synced_stock: number;
  reserved: number;
}

/** Checkout facts of the given variants (absent ids are simply missing from the map). */
export async function loadVariantFacts(
  db: SqlExecutor,
  variantIds: readonly number[],
  options: FactsOptions,
): Promise<Map<number, VariantFacts>> {
  const facts = new Map<number, VariantFacts>();
  if (variantIds.length === 0) return facts;
  const stock = variantStock('v', options.storeId);
  const sql =
    `SELECT v.id, v.product_id, p.name AS product_name, v.properties, v.${priceColumn(options.priceLevel)} AS price, ` +
    `p.tax_percent, p.charge_percent, ` +
    // A product hidden at the desk is not sold either (it reads as unpublished to the customer).
    `CASE WHEN ${publishedVariant('v')} AND p.id IS NOT NULL AND p.deleted_at IS NULL AND NOT ${hiddenProduct('p.id')} ` +
    `THEN 1 ELSE 0 END AS published, ` +
    `${stock.sql} AS synced_stock, ${activeReservationSum('v')} AS reserved ` +
    `FROM variants v LEFT JOIN products p ON p.id = v.product_id WHERE v.id IN (${variantIds.map(() => '?').join(', ')})`;
  const rows = await db.query<FactsRow>(sql, [...stock.params, options.now, ...variantIds]);
  for (const row of rows) facts.set(Number(row.id), toFacts(row, options.priceLevel));
  return facts;
}

function toFacts(row: FactsRow, level: PriceLevel): VariantFacts {
  const name = row.product_name ?? `#${row.id}`;
  return {
    variantId: Number(row.id),
    productId: Number(row.product_id ?? 0),
    // Snapshot for the invoice line and the customer's order history: «کیف چرمی — مشکی» (the values
    // of Mahak's Properties JSON, not the JSON itself).
    productName: variantLineName(name, row.properties),
    published: Number(row.published) === 1 && row.product_id !== null,
    prices: { [level]: row.price === null ? null : Number(row.price) },
    syncedStock: Number(row.synced_stock),
    activeReservations: Number(row.reserved),
    taxPercent: Number(row.tax_percent ?? 0),
    chargePercent: Number(row.charge_percent ?? 0),
  };
}
