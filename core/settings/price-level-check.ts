import type { SqlExecutor } from '../store/sql-db.js';

/**
 * Whether the storefront's price level (config sellPriceLevel, 1..10 = ProductDetail Price1..Price10)
 * is one Mahak uses: Mahak names the levels it uses in CostLevelNames (API.md §3.4), pulled into
 * `price_levels`. A level it does not name has no prices kept in the desktop program, so the shop
 * would sell at zero or stale prices without a word. Before the first pull (no rows) nothing can be
 * said and the level is taken; whether a Mahak may name no level at all is unknown, and then too.
 */
export interface PriceLevelProblem {
  level: number;
  /** The levels Mahak names, ascending. */
  named: number[];
  en: string;
  fa: string;
}

const faDigits = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

export async function priceLevelProblem(
  db: SqlExecutor,
  level: number,
): Promise<PriceLevelProblem | undefined> {
  const rows = await db.query<{ code: number | null; deleted_at: number | null }>(
    'SELECT code, deleted_at FROM price_levels',
  );
  if (rows.length === 0) return undefined;
  const named = [
    ...new Set(rows.filter((r) => r.deleted_at === null && r.code !== null).map((r) => Number(r.code))),
  ].sort((a, b) => a - b);
  if (named.includes(level)) return undefined;
  const list = named.length > 0 ? named.join(', ') : 'none';
  const listFa = named.length > 0 ? named.map(faDigits).join('، ') : 'هیچ';
  return {
    level,
    named,
    en: `Mahak has no price level ${level} (the levels it names: ${list}); the storefront would show wrong prices`,
    fa: `سطح قیمت ${faDigits(level)} در محک تعریف نشده است (سطح‌های محک: ${listFa})؛ فروشگاه قیمت نادرست نشان می‌دهد`,
  };
}
