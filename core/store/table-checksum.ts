import { createHash } from 'node:crypto';
import type { TableColumn } from './schema-introspect.js';
import type { SqlDb } from './sql-db.js';
import { readJson } from './sql-values.js';

export interface TableDigest {
  rows: number;
  /** Order-independent: the sum (mod 2^64) of each row's hash, so collation differences in key order do not matter. */
  checksum: string;
}

const mod64 = (1n << 64n) - 1n;

/**
 * The same digest computed in JS on both databases: each value is normalised by its column type first
 * (JSON parsed and re-serialised with sorted keys, numbers as numbers, booleans as 0/1), so SQLite TEXT
 * JSON and PostgreSQL JSONB, or REAL and DOUBLE PRECISION, hash alike when they hold the same data.
 */
export async function tableDigest(
  db: SqlDb,
  table: string,
  columns: readonly TableColumn[],
  key: readonly string[],
  batch = 2000,
): Promise<TableDigest> {
  let rows = 0;
  let sum = 0n;
  for await (const page of readTable(db, table, columns, key, batch)) {
    for (const row of page) {
      const digest = createHash('sha256')
        .update(JSON.stringify(columns.map((c) => normalise(c, row[c.name]))))
        .digest();
      sum = (sum + digest.readBigUInt64BE(0)) & mod64;
      rows++;
    }
  }
  return { rows, checksum: sum.toString(16).padStart(16, '0') };
}

/** Reads a table in key order, a batch at a time (keyset pagination on the primary key). */
export async function* readTable(
  db: SqlDb,
  table: string,
  columns: readonly TableColumn[],
  key: readonly string[],
  batch: number,
): AsyncGenerator<Record<string, unknown>[]> {
  const list = columns.map((c) => c.name).join(', ');
  if (key.length === 0) {
    // No primary key: offset paging over a full ordering; slow but such tables are small.
    for (let offset = 0; ; offset += batch) {
      const page = await db.query<Record<string, unknown>>(
        `SELECT ${list} FROM ${table} ORDER BY ${list} LIMIT ? OFFSET ?`,
        [batch, offset],
      );
      if (page.length > 0) yield page;
      if (page.length < batch) return;
    }
  }
  const order = key.join(', ');
  let after: unknown[] | undefined;
  for (;;) {
    const where = after ? ` WHERE (${order}) > (${key.map(() => '?').join(', ')})` : '';
    const page = await db.query<Record<string, unknown>>(
      `SELECT ${list} FROM ${table}${where} ORDER BY ${order} LIMIT ?`,
      [...(after ?? []), batch],
    );
    if (page.length > 0) yield page;
    if (page.length < batch) return;
    const last = page[page.length - 1];
    after = key.map((k) => last[k]);
  }
}

function normalise(column: TableColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'json':
      return canonicalJson(readJson(value));
    case 'text':
      return String(value);
    default:
      return typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
  }
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
