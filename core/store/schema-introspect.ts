import type { ColumnType, SqlDb } from './sql-db.js';

export interface TableColumn {
  name: string;
  type: ColumnType;
}

export interface TableInfo {
  name: string;
  columns: TableColumn[];
  primaryKey: string[];
  /** PostgreSQL identity column (its sequence must follow copied ids). */
  identity?: string;
}

/** The tables of the store's schema as the database itself reports them, by name. */
export async function describeTables(db: SqlDb): Promise<Map<string, TableInfo>> {
  return db.dialect === 'postgres' ? describePostgres(db) : describeSqlite(db);
}

async function describeSqlite(db: SqlDb): Promise<Map<string, TableInfo>> {
  const tables = await db.query<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const out = new Map<string, TableInfo>();
  for (const { name } of tables) {
    const cols = await db.query<{ name: string; type: string; pk: number }>(
      'SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid',
      [name],
    );
    out.set(name, {
      name,
      // SQLite keeps JSON as TEXT, so a JSON column looks like text here; the other side's type wins.
      columns: cols.map((c) => ({ name: c.name, type: sqliteType(c.type) })),
      primaryKey: cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    });
  }
  return out;
}

async function describePostgres(db: SqlDb): Promise<Map<string, TableInfo>> {
  const cols = await db.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_identity: string;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position`,
  );
  const keys = await db.query<{ table_name: string; column_name: string }>(
    `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu
       ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name
     WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() ORDER BY tc.table_name, kcu.ordinal_position`,
  );
  const out = new Map<string, TableInfo>();
  for (const c of cols) {
    const info = out.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [] };
    info.columns.push({ name: c.column_name, type: postgresType(c.data_type) });
    if (c.is_identity === 'YES') info.identity = c.column_name;
    out.set(c.table_name, info);
  }
  for (const k of keys) out.get(k.table_name)?.primaryKey.push(k.column_name);
  return out;
}

function sqliteType(declared: string): ColumnType {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'int';
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'float';
  return 'text';
}

function postgresType(dataType: string): ColumnType {
  if (/^(bigint|integer|smallint)$/.test(dataType)) return 'int';
  if (/^(double precision|real|numeric)$/.test(dataType)) return 'float';
  if (/^jsonb?$/.test(dataType)) return 'json';
  if (dataType === 'boolean') return 'bool';
  return 'text';
}
