import type { SqlExecutor } from '../../core/store/sql-db.js';
import { readRowsSelect } from '../../core/store/storefront-read-sql.js';

/**
 * What the storefront read table holds against its definition (the correlated form the row triggers
 * use), product by product: the products whose row differs or is missing on either side, plus whether
 * a rebuild is still owed (storefront_state.bulk).
 */
export async function storefrontDrift(db: SqlExecutor): Promise<{ owed: boolean; differing: number[] }> {
  const columns = 'product_id, code, name, category_id, price, stock, in_stock';
  const held = await db.query<Record<string, unknown>>(
    `SELECT ${columns} FROM storefront_products ORDER BY product_id`,
  );
  const defined = await db.query<Record<string, unknown>>(
    `SELECT ${columns} FROM (${readRowsSelect(db.dialect, '1 = 1')}) d ORDER BY product_id`,
  );
  const key = (r: Record<string, unknown>) => JSON.stringify(Object.values(r).map(plain));
  const heldKeys = new Map(held.map((r) => [Number(r.product_id), key(r)]));
  const definedKeys = new Map(defined.map((r) => [Number(r.product_id), key(r)]));
  const ids = new Set([...heldKeys.keys(), ...definedKeys.keys()]);
  const differing = [...ids].filter((id) => heldKeys.get(id) !== definedKeys.get(id)).sort((a, b) => a - b);
  const [state] = await db.query<{ bulk: number }>('SELECT bulk FROM storefront_state WHERE id = 1');
  return { owed: Number(state?.bulk) === 1, differing };
}

const plain = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : v);
