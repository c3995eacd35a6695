import type { MahakLists } from '../contracts/admin-settings.js';
import type { GetAllDataRequest, GetAllDataResult } from '../mahak/mahak-client.js';
import type { SqlExecutor } from '../store/sql-db.js';

/**
 * What the desk picks the sell price level, the stock store, the web customers' person group and the
 * bank of online payments from:
 * Mahak's own lists. After a pull they come from the store's copy (kept in step by every pull); on a
 * fresh database, straight from Mahak (one small GetAllData of the three reference tables).
 */

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown, fallback: string): string => (typeof v === 'string' && v.trim() ? v : fallback);

/** Price levels are the ten Price1..Price10 columns; CostLevelNames name them by code (API.md §3). */
export function priceLevelsFrom(names: { code: number | null; name: string | null }[]) {
  return Array.from({ length: 10 }, (_, i) => ({
    level: i + 1,
    name: names.find((n) => n.code === i + 1)?.name ?? null,
  }));
}

export async function pulledLists(db: SqlExecutor): Promise<MahakLists | undefined> {
  const live = 'WHERE deleted_at IS NULL ORDER BY code, id';
  const [levels, stores, groups, banks] = await Promise.all([
    db.query<Row>(`SELECT id, code, name FROM price_levels ${live}`),
    db.query<Row>(`SELECT id, code, name FROM stores ${live}`),
    db.query<Row>(`SELECT id, code, name, sell_price_level FROM person_groups ${live}`),
    db.query<Row>(`SELECT id, code, name, bank_name FROM banks ${live}`),
  ]);
  if (stores.length === 0 && groups.length === 0) return undefined;
  return {
    source: 'pulled',
    priceLevels: priceLevelsFrom(
      levels.map((r) => ({ code: num(r.code), name: (r.name as string) ?? null })),
    ),
    stores: stores.map((r) => ({ id: Number(r.id), code: num(r.code), name: text(r.name, `#${r.id}`) })),
    personGroups: groups.map((r) => ({
      id: Number(r.id),
      code: num(r.code),
      name: text(r.name, `#${r.id}`),
      sellPriceLevel: num(r.sell_price_level),
    })),
    banks: banks.map((r) => ({
      id: Number(r.id),
      code: num(r.code),
      name: text(r.name, `#${r.id}`),
      bankName: typeof r.bank_name === 'string' && r.bank_name.trim() ? r.bank_name : null,
    })),
  };
}

export interface ListSource {
  getAllData(req: GetAllDataRequest): Promise<GetAllDataResult>;
}

/** The reference tables from Mahak itself (they are small: one page each). */
export async function mahakLists(source: ListSource): Promise<MahakLists> {
  const page = await source.getAllData({
    cursors: { CostLevelNames: 0, Stores: 0, PersonGroups: 0, Banks: 0 },
    pageSize: 1000,
  });
  const alive = (rows: Row[] | undefined) => (rows ?? []).filter((r) => r.Deleted !== true);
  return {
    source: 'mahak',
    priceLevels: priceLevelsFrom(
      alive(page.records.CostLevelNames).map((r) => ({
        code: num(r.CostLevelNameCode),
        name: typeof r.Name === 'string' ? r.Name : null,
      })),
    ),
    stores: alive(page.records.Stores).map((r) => ({
      id: Number(r.StoreId),
      code: num(r.StoreCode),
      name: text(r.Name, `#${r.StoreId}`),
    })),
    personGroups: alive(page.records.PersonGroups).map((r) => ({
      id: Number(r.PersonGroupId),
      code: num(r.PersonGroupCode),
      name: text(r.Name, `#${r.PersonGroupId}`),
      sellPriceLevel: num(r.SellPriceLevel),
    })),
    banks: alive(page.records.Banks).map((r) => ({
      id: Number(r.BankId),
      code: num(r.BankCode),
      name: text(r.Name, `#${r.BankId}`),
      bankName: typeof r.BankName === 'string' && r.BankName.trim() ? r.BankName : null,
    })),
  };
}
