import type { SimEngine } from './sim-engine.js';
import { cursorCollections, type EntityName } from './sim-entities.js';
import type { SimResponse } from './sim-get-all-data.js';
import { faMessages } from './sim-messages.js';
import { err, failed, invalid, type RecordResult, type SaveContext, type Saver } from './sim-save-context.js';
import { saveFields } from './sim-save-fields.js';
import { saveCheque, saveReceipt } from './sim-save-money.js';
import { saveOrderDetail } from './sim-save-order-lines.js';
import { saveOrder } from './sim-save-orders.js';
import { savePerson, saveVisitorPerson } from './sim-save-people.js';
import { savePhotoGallery, savePicture } from './sim-save-pictures.js';
import { bindRecord, fail, lowerKeys } from './sim-wire.js';

/** Dependency order: parents first, so children may reference them by ClientId in the same request (API.md §4.1). */
const savers: [EntityName, Saver][] = [
  ['People', savePerson],
  ['VisitorPeople', saveVisitorPerson],
  ['Pictures', savePicture],
  ['PhotoGalleries', savePhotoGallery],
  ['Orders', saveOrder],
  ['OrderDetails', saveOrderDetail],
  ['Receipts', saveReceipt],
  ['Cheques', saveCheque],
];
const saverByLower = new Map(savers.map(([name]) => [name.toLowerCase(), name]));
/** Spec collections the sim does not model (answered per record as not supported). */
const otherCollections = new Map(
  [...Object.values(cursorCollections), 'MahakPays'].map((c) => [c.toLowerCase(), c]),
);

export interface SaveModifiers {
  phantom: boolean;
  lateMs?: number;
}

/**
 * SaveAllData (API.md §4): every record is checked and written into ONE transaction, in dependency order;
 * Results per collection are aligned with the input by Index. Top-level Result is false when any record
 * failed, and then — with `atomicSave` (default) — nothing is committed (see SimSettings.atomicSave).
 */
export function saveAllData(
  engine: SimEngine,
  body: unknown,
  visitorId: number,
  mods: SaveModifiers,
): SimResponse {
  const parsed = readCollections(body);
  if ('error' in parsed) return { status: 400, body: fail(400, `${faMessages.badRequest}: ${parsed.error}`) };
  const tx = engine.db.begin();
  const ctx: SaveContext = {
    engine,
    db: engine.db,
    tx,
    visitorId,
    createdOrders: new Set(),
    createdReceipts: new Set(),
    newVisitorPeople: new Map(),
    saved: [],
  };
  const results = runSavers(ctx, parsed.records, parsed.unsupported);
  const all = Object.values(results).flat();
  const anyFailed = all.some((r) => !r.Result);
  const committed = finish(engine, ctx, anyFailed, mods, results);
  if (committed) engine.stats.savedRecords += all.filter((r) => r.Result).length;
  engine.stats.rejectedRecords += all.filter((r) => !r.Result).length;
  return {
    status: 200,
    body: {
      Result: !anyFailed,
      Code: anyFailed ? 1 : 0,
      Message: anyFailed ? faMessages.saveFailed : null,
      Data: { Objects: wrap(results) },
    },
  };
}

function runSavers(
  ctx: SaveContext,
  records: Map<EntityName, unknown[]>,
  unsupported: Map<string, unknown[]>,
): Record<string, RecordResult[]> {
  const results: Record<string, RecordResult[]> = {};
  for (const [entity, saver] of savers) {
    const list = records.get(entity);
    if (!list) continue;
    results[entity] = list.map((r, i) =>
      r && typeof r === 'object' && !Array.isArray(r)
        ? saver(ctx, bindRecord(r, saveFields[entity]), i)
        : failed(entity, {}, i, [invalid(entity)]),
    );
  }
  for (const [name, list] of unsupported) {
    const notSupported = err('', 'invalid', faMessages.notSupported(name));
    results[name] = list.map((_, i) => ({ ...failed('Orders', {}, i, [notSupported]), EntityClientId: 0 }));
  }
  return results;
}

function finish(
  engine: SimEngine,
  ctx: SaveContext,
  anyFailed: boolean,
  mods: SaveModifiers,
  results: Record<string, RecordResult[]>,
): boolean {
  if (anyFailed && engine.settings.atomicSave) {
    ctx.tx.rollback();
    for (const list of Object.values(results)) {
      for (const [i, r] of list.entries()) {
        if (r.Result)
          list[i] = {
            ...r,
            Result: false,
            EntityId: 0,
            RowVersion: 0,
            Errors: [err('', 'rolledBack', faMessages.rolledBack)],
          };
      }
    }
    return false;
  }
  if (mods.phantom) {
    // "Phantom save": the answer says saved, the books say nothing happened.
    ctx.tx.rollback();
    engine.stats.phantomSaves++;
    return false;
  }
  ctx.tx.commit(mods.lateMs !== undefined ? { visibleAt: Date.now() + mods.lateMs } : undefined);
  for (const { collection, id } of ctx.saved) engine.noteClientRow(collection, id);
  return true;
}

const wrap = (results: Record<string, RecordResult[]>) =>
  Object.fromEntries(Object.entries(results).map(([name, list]) => [name, { Results: list }]));

function readCollections(
  body: unknown,
): { records: Map<EntityName, unknown[]>; unsupported: Map<string, unknown[]> } | { error: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: 'body' };
  const records = new Map<EntityName, unknown[]>();
  const unsupported = new Map<string, unknown[]>();
  for (const [key, value] of lowerKeys(body)) {
    const entity = saverByLower.get(key);
    const other = otherCollections.get(key);
    if (!entity && !other) continue;
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) return { error: key };
    if (entity) records.set(entity, value);
    else unsupported.set(other!, value);
  }
  return { records, unsupported };
}
