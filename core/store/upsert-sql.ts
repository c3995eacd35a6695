import type { UpsertSpec } from './sql-db.js';
import { assertIdentifier, toParam } from './sql-values.js';

/**
 * The dialect-neutral half of bulkUpsert: the ON CONFLICT clause, the de-duplication by key and the
 * value normalisation. The drivers only differ in how the rows reach the server.
 */
export function conflictClause(spec: UpsertSpec): string {
  if (spec.key.length === 0) return '';
  const key = spec.key.map(assertIdentifier).join(', ');
  // Columns the shop keeps (keepOnUpdate) are written by the INSERT only, never by the UPDATE.
  const kept = spec.keepOnUpdate ?? [];
  const updatable = spec.columns.filter((c) => !spec.key.includes(c.name) && !kept.includes(c.name));
  if (updatable.length === 0) return ` ON CONFLICT (${key}) DO NOTHING`;
  const set = updatable.map((c) => `${c.name} = excluded.${c.name}`).join(', ');
  // Invariant 3: an older (or equal) version never overwrites a newer one, whatever the order.
  const guard = spec.guard ? ` WHERE excluded.${assertIdentifier(spec.guard)} > t.${spec.guard}` : '';
  return ` ON CONFLICT (${key}) DO UPDATE SET ${set}${guard}`;
}

export function columnList(spec: UpsertSpec): string {
  return spec.columns.map((c) => assertIdentifier(c.name)).join(', ');
}

/**
 * One row per key: the highest guard value wins, the later row on a tie. PostgreSQL refuses to touch a
 * row twice in one statement, and Mahak may send the same id twice in a page (API.md §6).
 */
export function dedupeRows(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): (readonly unknown[])[] {
  if (spec.key.length === 0) return [...rows];
  const keyIdx = spec.key.map((k) => indexOf(spec, k));
  const guardIdx = spec.guard ? indexOf(spec, spec.guard) : -1;
  const byKey = new Map<string, readonly unknown[]>();
  for (const row of rows) {
    const key = keyIdx.length === 1 ? String(row[keyIdx[0]]) : JSON.stringify(keyIdx.map((i) => row[i]));
    const seen = byKey.get(key);
    if (seen && guardIdx >= 0 && Number(seen[guardIdx]) > Number(row[guardIdx])) continue;
    if (seen) byKey.delete(key); // re-insert so the map keeps the order of last appearance
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** Rows as bind values, column by column. */
export function normaliseRows(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): unknown[][] {
  const n = spec.columns.length;
  return rows.map((row) => {
    if (row.length !== n)
      throw new Error(`bulkUpsert ${spec.table}: row has ${row.length} values, expected ${n}`);
    return spec.columns.map((c, i) => toParam(c.type, row[i]));
  });
}

function indexOf(spec: UpsertSpec, name: string): number {
  const i = spec.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`bulkUpsert ${spec.table}: ${name} is not one of the columns`);
  return i;
}
