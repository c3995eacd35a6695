import Database from 'better-sqlite3';
import { pulledEntities, pulledEntityNames } from '../core/contracts/mahak-wire.js';
import { mappingFor } from '../core/domain/catalog-mapping.js';
import type { MahakClient } from '../core/mahak/mahak-client.js';

/** Every record the simulator serves, page by page, as mapped store rows grouped by table. */
export async function fetchMappedPages(
  client: MahakClient,
  pageSize: number,
): Promise<{ table: string; columns: string[]; rows: unknown[][] }[]> {
  const pages: { table: string; columns: string[]; rows: unknown[][] }[] = [];
  for (const entity of pulledEntityNames) {
    const mapping = mappingFor(entity);
    let from = 0;
    for (;;) {
      const res = await client.getAllData({
        cursors: { [pulledEntities[entity].collection]: from },
        pageSize,
      });
      const records = res.records[pulledEntities[entity].collection] ?? [];
      if (records.length === 0) break;
      const rows = records.map((r) => mapping.toRow(r, { now: Date.now(), mahakCurrency: 'rial' }));
      pages.push({ table: mapping.table, columns: mapping.columns.map((c) => c.name), rows });
      if (records.length < pageSize) break;
      from = Math.max(...records.map((r) => r.RowVersion as number));
    }
  }
  return pages;
}

/**
 * The baseline: plain batched INSERTs (one prepared statement, one transaction per page) of the
 * same rows into the same kind of database, with no upsert guard, no checkpoint, no queue.
 */
export function plainBatchedInsert(
  file: string,
  pages: { table: string; columns: string[]; rows: unknown[][] }[],
): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  dropStorefrontTriggers(db);
  let count = 0;
  for (const page of pages) {
    const sql = `INSERT INTO ${page.table} (${page.columns.join(',')}) VALUES (${page.columns.map(() => '?').join(',')})`;
    const insert = db.prepare(sql);
    db.transaction(() => {
      for (const row of page.rows) insert.run(row.map(toSqlite));
      count += page.rows.length;
    })();
  }
  db.close();
  return count;
}

/**
 * Migration 015's row triggers recompute a product's storefront read row on every insert outside the
 * pull (whose set-based refresh replaces them); with them in place the "plain" inserts would pay for a
 * read-row refresh per row. The baseline is plain inserts, so it runs without them.
 */
function dropStorefrontTriggers(db: Database.Database): void {
  const triggers = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sf!_%' ESCAPE '!'")
    .all() as { name: string }[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
}

const toSqlite = (v: unknown): unknown =>
  typeof v === 'boolean' ? Number(v) : v !== null && typeof v === 'object' ? JSON.stringify(v) : (v ?? null);
