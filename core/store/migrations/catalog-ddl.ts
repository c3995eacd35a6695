import type { ColumnType, Dialect } from '../sql-db.js';
import { ddlTypeOf, sqlTypes } from '../sql-types.js';

/** Column name and mapped type, as migrations declare them. */
export type ColumnDecl = readonly [name: string, type: ColumnType];

/**
 * A table synced from Mahak: the Mahak server id as PK, RowVersion (the monotonic guard, invariant 3),
 * deleted_at (epoch ms, invariant 4), the typed columns, and the whole canonical payload in `raw`
 * (JSONB with a GIN index on PostgreSQL so ad-hoc questions about unmapped fields stay cheap).
 */
export function syncedTable(dialect: Dialect, table: string, columns: readonly ColumnDecl[]): string[] {
  const t = sqlTypes(dialect);
  const typed = columns.map(([name, type]) => `${name} ${ddlTypeOf(dialect, type)}`);
  const ddl = [
    `CREATE TABLE ${table} (id ${t.id}, row_version ${t.bigint} NOT NULL, deleted_at ${t.bigint}, ${typed.join(', ')}, raw ${t.json} NOT NULL)`,
  ];
  if (dialect === 'postgres')
    ddl.push(`CREATE INDEX ${table}_raw_gin ON ${table} USING gin (raw jsonb_path_ops)`);
  return ddl;
}

export function index(table: string, columns: readonly string[], suffix?: string): string {
  return `CREATE INDEX ${table}_${suffix ?? columns.join('_')}_idx ON ${table} (${columns.join(', ')})`;
}

/**
 * Trigram index for `LIKE '%...%'` search on PostgreSQL, only if pg_trgm can be created (a managed
 * database may refuse extensions): the DO blocks swallow the failure and the search falls back to a scan.
 */
export function trigramIndexes(targets: readonly (readonly [table: string, column: string])[]): string[] {
  const createExtension = `DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm unavailable: %', SQLERRM; END $$`;
  const indexes = targets.map(
    ([table, column]) =>
      `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN ` +
      `CREATE INDEX ${table}_${column}_trgm ON ${table} USING gin (${column} gin_trgm_ops); END IF; END $$`,
  );
  return [createExtension, ...indexes];
}
