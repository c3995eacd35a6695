import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import type { SqlExecutor } from '../store/sql-db.js';
import type { DriftMahak } from './push-ports.js';

/**
 * SolveDispute entity names, spelled as Mahak's own WordPress plugin sends them (API.md §5.1, mixed
 * casing as sent). Entities the plugin never checks (CostLevelNames, Settings, categories) are left out.
 */
export const driftEntityNames: Partial<Record<PulledEntityName, string>> = {
  Stores: 'store',
  Products: 'product',
  ProductDetails: 'ProductDetail',
  VisitorProducts: 'visitorProduct',
  ProductDetailStoreAssets: 'ProductDetailStoreAsset',
  Pictures: 'picture',
  PhotoGalleries: 'PhotoGallery',
  PersonGroups: 'personGroup',
  People: 'person',
  VisitorPeople: 'visitorPerson',
};

/** One row Mahak says differs: its RowVersion there (if told), or that it does not exist at all. */
export interface Mismatch {
  id: number;
  localRowVersion: number;
  mahakRowVersion: number | null;
  exists: boolean;
  deleted: boolean;
}

const CHUNK = 1000;

/**
 * Sends our (id, RowVersion) pairs of one entity and collects the mismatches Mahak reports. What Mahak
 * answers is undocumented (§5.1): the simulator answers Data.Mismatches [{Id, RowVersion, Deleted,
 * Exists}]; anything else is treated as "no list" (`listed: false`), and the re-pull alone repairs.
 */
export async function solveEntity(
  db: SqlExecutor,
  mahak: DriftMahak,
  entity: PulledEntityName,
): Promise<{ checked: number; listed: boolean; mismatches: Mismatch[] }> {
  const name = driftEntityNames[entity]!;
  const local = await db.query<{ id: number; row_version: number }>(
    `SELECT id, row_version FROM ${tableOf[entity]} WHERE deleted_at IS NULL ORDER BY id`,
  );
  const localRv = new Map(local.map((r) => [Number(r.id), Number(r.row_version)]));
  const mismatches: Mismatch[] = [];
  let listed = true;
  for (let i = 0; i < local.length; i += CHUNK) {
    const items = local.slice(i, i + CHUNK).map((r) => ({ id: Number(r.id), rw: Number(r.row_version) }));
    const answer = readMismatches(await mahak.solveDispute(name, items));
    if (!answer) listed = false;
    for (const m of answer ?? []) {
      if (localRv.has(m.id)) mismatches.push({ ...m, localRowVersion: localRv.get(m.id)! });
    }
  }
  return { checked: local.length, listed, mismatches };
}

function field(o: unknown, name: string): unknown {
  if (typeof o !== 'object' || o === null) return undefined;
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (o as Record<string, unknown>)[key];
}

function readMismatches(data: unknown): Omit<Mismatch, 'localRowVersion'>[] | undefined {
  const list = field(data, 'Mismatches');
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((m) => {
    const id = Number(field(m, 'Id'));
    if (!Number.isSafeInteger(id)) return [];
    const rv = Number(field(m, 'RowVersion'));
    return [
      {
        id,
        mahakRowVersion: Number.isSafeInteger(rv) && rv > 0 ? rv : null,
        exists: field(m, 'Exists') !== false,
        deleted: field(m, 'Deleted') === true,
      },
    ];
  });
}
