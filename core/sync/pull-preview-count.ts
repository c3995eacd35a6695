import type { PreviewEntity, PreviewSample } from '../contracts/admin-sync.js';
import { pulledEntities, type PulledEntityName } from '../contracts/mahak-wire.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { readJson } from '../store/sql-values.js';

export interface PreviewCounter {
  /** One page of validated records, and how many of the page were invalid. */
  add(records: readonly Record<string, unknown>[], invalid: number): Promise<void>;
  result(): PreviewEntity;
}

type Outcome = 'created' | 'updated' | 'unpublished' | 'unchanged';
interface LocalRow {
  rowVersion: number;
  deleted: boolean;
}

/** Fields every change touches: not worth naming in "what changed". */
const bookkeeping = new Set([
  'RowVersion',
  'UpdateDate',
  'DataHash',
  'UpdateSyncId',
  'CreateSyncId',
  'CreateDate',
]);
const idChunk = 500;

/**
 * Counts what one entity's pages would do to the store, by the same rule the apply uses: a record
 * changes a row only when its RowVersion is newer (invariant 3). A newer record marked Deleted over a
 * live row unpublishes it. Rows re-read across a page boundary (paging re-reads the page's highest
 * RowVersion, pull-paging.ts) are counted once.
 */
export function previewCounter(
  db: SqlExecutor,
  entity: PulledEntityName,
  maxSamples: number,
): PreviewCounter {
  const { idField } = pulledEntities[entity];
  const table = tableOf[entity];
  const counts = { read: 0, created: 0, updated: 0, unpublished: 0, unchanged: 0, invalid: 0 };
  const samples: Record<Exclude<Outcome, 'unchanged'>, PreviewSample[]> = {
    created: [],
    updated: [],
    unpublished: [],
  };
  let boundary = { rowVersion: -1, ids: new Set<number>() };

  async function add(records: readonly Record<string, unknown>[], invalid: number): Promise<void> {
    counts.invalid += invalid;
    const fresh = records.filter(
      (r) => !(Number(r.RowVersion) === boundary.rowVersion && boundary.ids.has(Number(r[idField]))),
    );
    boundary = nextBoundary(records, idField, boundary);
    const local = await localRows(
      db,
      table,
      fresh.map((r) => Number(r[idField])),
    );
    for (const r of fresh) {
      const id = Number(r[idField]);
      const outcome = classify(r, local.get(id));
      counts.read++;
      counts[outcome]++;
      if (outcome !== 'unchanged' && samples[outcome].length < maxSamples) {
        const fields = outcome === 'updated' ? await changedFields(db, table, id, r) : [];
        samples[outcome].push({ id, label: labelOf(r), fields });
      }
    }
  }

  return { add, result: () => ({ entity, ...counts, samples }) };
}

function classify(record: Record<string, unknown>, local: LocalRow | undefined): Outcome {
  const deleted = record.Deleted === true;
  if (!local) return deleted ? 'unchanged' : 'created';
  if (Number(record.RowVersion) <= local.rowVersion) return 'unchanged';
  if (deleted && !local.deleted) return 'unpublished';
  return 'updated';
}

/** The ids sharing the highest RowVersion seen: the next page starts just below it and re-reads them. */
function nextBoundary(
  records: readonly Record<string, unknown>[],
  idField: string,
  previous: { rowVersion: number; ids: Set<number> },
): { rowVersion: number; ids: Set<number> } {
  const max = records.reduce((m, r) => Math.max(m, Number(r.RowVersion)), -1);
  const ids = new Set(max === previous.rowVersion ? previous.ids : []);
  for (const r of records) if (Number(r.RowVersion) === max) ids.add(Number(r[idField]));
  return { rowVersion: max, ids };
}

async function localRows(
  db: SqlExecutor,
  table: string,
  ids: readonly number[],
): Promise<Map<number, LocalRow>> {
  const found = new Map<number, LocalRow>();
  for (let i = 0; i < ids.length; i += idChunk) {
    const chunk = ids.slice(i, i + idChunk);
    const rows = await db.query<{ id: number; row_version: number; deleted_at: number | null }>(
      `SELECT id, row_version, deleted_at FROM ${table} WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of rows)
      found.set(Number(r.id), { rowVersion: Number(r.row_version), deleted: r.deleted_at !== null });
  }
  return found;
}

async function changedFields(
  db: SqlExecutor,
  table: string,
  id: number,
  incoming: Record<string, unknown>,
): Promise<string[]> {
  const rows = await db.query<{ raw: unknown }>(`SELECT raw FROM ${table} WHERE id = ?`, [id]);
  const before = readJson<Record<string, unknown> | null>(rows[0]?.raw) ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(incoming)]);
  return [...keys]
    .filter(
      (k) => !bookkeeping.has(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(incoming[k] ?? null),
    )
    .slice(0, 12);
}

/** A human name for a sample: product/category name, person's name, picture title... */
export function labelOf(r: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const person = [text(r.FirstName), text(r.LastName)].filter(Boolean).join(' ');
  return (
    text(r.Name) ??
    text(r.Title) ??
    (person || undefined) ??
    text(r.Organization) ??
    text(r.FileName) ??
    text(r.Barcode) ??
    null
  );
}
