import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { migrationStatus, runMigrations } from './migrate.js';
import { seededDigests } from './migration-seed.js';
import { describeTables, type TableColumn, type TableInfo } from './schema-introspect.js';
import type { SqlDb } from './sql-db.js';
import { readJson } from './sql-values.js';
import { readStorefrontState, rebuildStorefront } from './storefront-read.js';
import { readTable, tableDigest } from './table-checksum.js';

export interface MigrateDataOptions {
  /** Empty a non-empty target first instead of refusing. */
  force?: boolean;
  batchSize?: number;
  logger: Logger;
  onProgress?: (table: string, copied: number) => void;
}

export interface TableResult {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

/** Not copied: the schema bookkeeping (the target migrates itself) and live lease rows. */
const skipped = new Set(['schema_migrations', 'locks']);
/**
 * Not copied either: the storefront read table, its counts, its FTS5 shadow tables (SQLite only) and
 * its state: derived data, rebuilt on the target from the copied catalogue.
 */
const derived = (table: string) => table.startsWith('storefront_');

interface CopyPlan {
  table: string;
  columns: TableColumn[];
  key: string[];
  identity?: string;
}

/**
 * Copies every table of the store (checkpoints, dead letters, queue and outbox included) from one
 * database to another, in batches, then verifies each table by row count and checksum computed the same
 * way on both sides. Both databases must be on this build's schema; the target is migrated first.
 * Stop Hamgam while it runs: rows written to the source meanwhile would not be copied.
 */
export async function migrateData(
  source: SqlDb,
  target: SqlDb,
  options: MigrateDataOptions,
): Promise<TableResult[]> {
  const status = await migrationStatus(source);
  if (status.pending.length > 0 || status.unknown.length > 0) {
    throw new HamgamError(
      'STORAGE_SCHEMA_MISMATCH',
      'The source database is not on this version\'s schema: run "hamgam migrate --db <from>" first',
      {
        pending: status.pending.map((m) => m.id),
        unknown: status.unknown.map((m) => m.id),
      },
    );
  }
  await runMigrations(target, options.logger);
  const plans = planCopy(await describeTables(source), await describeTables(target));
  // The read rows are rebuilt once at the end, not row by row by the triggers; should the copy stop
  // half-way, the flag left set makes the storefront rebuild them at its next read (storefront-read.ts).
  await target.run('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
  await clearTarget(target, plans, options);
  const batch = options.batchSize ?? 1000;
  for (const plan of plans) {
    const copied = await copyTable(source, target, plan, batch, options);
    options.logger.info({ table: plan.table, rows: copied }, 'table copied');
  }
  const scope = await readStorefrontState(source);
  if (scope) await rebuildStorefront(target, scope);
  return verifyTables(source, target, plans, batch);
}

/** Row count and checksum of every planned table on both sides. */
export async function verifyTables(
  source: SqlDb,
  target: SqlDb,
  plans: readonly CopyPlan[],
  batch = 2000,
): Promise<TableResult[]> {
  const results: TableResult[] = [];
  for (const plan of plans) {
    const [s, t] = await Promise.all([
      tableDigest(source, plan.table, plan.columns, plan.key, batch),
      tableDigest(target, plan.table, plan.columns, plan.key, batch),
    ]);
    results.push({
      table: plan.table,
      sourceRows: s.rows,
      targetRows: t.rows,
      sourceChecksum: s.checksum,
      targetChecksum: t.checksum,
      ok: s.rows === t.rows && s.checksum === t.checksum,
    });
  }
  return results;
}

export function planCopy(source: Map<string, TableInfo>, target: Map<string, TableInfo>): CopyPlan[] {
  const plans: CopyPlan[] = [];
  for (const [name, src] of [...source].sort(([a], [b]) => a.localeCompare(b))) {
    if (skipped.has(name) || derived(name)) continue;
    const dst = target.get(name);
    if (!dst)
      throw new HamgamError(
        'STORAGE_SCHEMA_MISMATCH',
        `Table ${name} exists in the source but not in the target`,
        { table: name },
      );
    const missing = src.columns.filter((c) => !dst.columns.some((d) => d.name === c.name)).map((c) => c.name);
    if (missing.length > 0) {
      throw new HamgamError(
        'STORAGE_SCHEMA_MISMATCH',
        `Columns of ${name} missing in the target: ${missing.join(', ')}`,
        { table: name, missing },
      );
    }
    // SQLite reports JSON columns as TEXT: whichever side knows better (json, bool) decides.
    const columns = src.columns.map((c) => {
      const d = dst.columns.find((x) => x.name === c.name)!;
      return {
        name: c.name,
        type:
          c.type === 'text' || c.type === 'int'
            ? d.type === 'json' || d.type === 'bool'
              ? d.type
              : c.type
            : c.type,
      };
    });
    plans.push({
      table: name,
      columns,
      key: dst.primaryKey.length ? dst.primaryKey : src.primaryKey,
      ...(dst.identity ? { identity: dst.identity } : {}),
    });
  }
  return plans;
}

/**
 * Refuses a target holding data unless forced. Rows a migration seeds (identical to a fresh database)
 * do not count; they are cleared with the rest, since the source carries its own (evolved) copy.
 */
async function clearTarget(
  target: SqlDb,
  plans: readonly CopyPlan[],
  options: MigrateDataOptions,
): Promise<void> {
  const withRows: CopyPlan[] = [];
  for (const plan of plans) {
    if ((await target.query(`SELECT 1 AS x FROM ${plan.table} LIMIT 1`)).length > 0) withRows.push(plan);
  }
  if (withRows.length === 0) return;
  const seeded = await seededDigests(withRows, options.logger);
  const nonEmpty: string[] = [];
  for (const plan of withRows) {
    const seed = seeded.get(plan.table);
    const digest = seed && (await tableDigest(target, plan.table, plan.columns, plan.key));
    if (!seed || !digest || digest.rows !== seed.rows || digest.checksum !== seed.checksum)
      nonEmpty.push(plan.table);
  }
  if (nonEmpty.length > 0 && !options.force) {
    throw new HamgamError(
      'STORAGE_TARGET_NOT_EMPTY',
      `The target already has rows in: ${nonEmpty.join(', ')} (use --force to replace them)`,
      { tables: nonEmpty },
    );
  }
  await target.transaction(async (tx) => {
    for (const plan of withRows) await tx.run(`DELETE FROM ${plan.table}`);
  });
}

async function copyTable(
  source: SqlDb,
  target: SqlDb,
  plan: CopyPlan,
  batch: number,
  options: MigrateDataOptions,
): Promise<number> {
  const spec = { table: plan.table, columns: plan.columns, key: plan.key };
  let copied = 0;
  for await (const page of readTable(source, plan.table, plan.columns, plan.key, batch)) {
    // Drivers return JSON as text; bulkUpsert serialises values, so parse first (no double encoding).
    const rows = page.map((r) =>
      plan.columns.map((c) => (c.type === 'json' ? readJson(r[c.name]) : r[c.name])),
    );
    await target.transaction((tx) => tx.bulkUpsert(spec, rows));
    copied += rows.length;
    options.onProgress?.(plan.table, copied);
  }
  if (plan.identity && target.dialect === 'postgres') {
    // Copied ids were explicit: move the identity sequence past them so new rows do not collide.
    await target.query(
      `SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(${plan.identity}) FROM ${plan.table}), 0) + 1, false)`,
      [plan.table, plan.identity],
    );
  }
  return copied;
}
