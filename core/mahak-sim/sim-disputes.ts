import type { SimEngine } from './sim-engine.js';
import { entityByName, entityDefs } from './sim-entities.js';
import type { SimResponse } from './sim-get-all-data.js';
import { faMessages } from './sim-messages.js';
import { lineIdsOf } from './sim-relations.js';
import type { SimRow } from './sim-row.js';
import { fail, lowerKeys, ok, readNumber, readString } from './sim-wire.js';

function checkDatabase(engine: SimEngine, databaseId: unknown): SimResponse | undefined {
  const id = readNumber(databaseId);
  if (id === undefined || id === 0 || id === engine.options.databaseId) return undefined;
  return { status: 200, body: fail(2, faMessages.databaseNotFound) };
}

const items = (v: unknown): Map<string, unknown>[] => (Array.isArray(v) ? v.map(lowerKeys) : []);

/**
 * SolveDispute `{databaseId, entityName, disputeItems:[{id, rw}]}` (API.md §5.1). What Mahak does with it is
 * undocumented; the sim does the presumed thing: every item whose rw differs from the server's row, or whose
 * row is deleted, gets a new RowVersion so the next incremental GetAllData delivers it again. The response
 * shape is the sim's own (the real one is unknown): Data.Mismatches = [{Id, RowVersion, Deleted, Exists}].
 */
export function solveDispute(engine: SimEngine, body: unknown): SimResponse {
  const b = lowerKeys(body);
  const wrongDb = checkDatabase(engine, b.get('databaseid'));
  if (wrongDb) return wrongDb;
  const entity = entityByName(readString(b.get('entityname')) ?? '');
  if (!entity) return { status: 200, body: fail(3, faMessages.unknownEntity) };
  const tx = engine.db.begin();
  const mismatches: { Id: number; RowVersion: number; Deleted: boolean; Exists: boolean }[] = [];
  for (const item of items(b.get('disputeitems'))) {
    const id = readNumber(item.get('id'));
    if (id === undefined || !Number.isInteger(id)) continue;
    const rw = readNumber(item.get('rw'));
    const row = tx.get(entity, id);
    if (!row) {
      mismatches.push({ Id: id, RowVersion: 0, Deleted: true, Exists: false });
    } else if (row.RowVersion !== rw || row.Deleted === true) {
      const touched = tx.update(entity, id);
      mismatches.push({
        Id: id,
        RowVersion: touched.RowVersion as number,
        Deleted: touched.Deleted === true,
        Exists: true,
      });
    }
  }
  tx.commit();
  return { status: 200, body: ok({ EntityName: entityDefs[entity].singular, Mismatches: mismatches }) };
}

/**
 * SolveOrderDispute `{databaseId, disputeItems:[{id, code}]}` (API.md §5.2; semantics unknown). The sim
 * finds each order (by server id, else by OrderCode), re-delivers it and its lines with new RowVersions, and
 * answers Data.Orders (current rows) and Data.Missing (ids it does not know for this visitor).
 */
export function solveOrderDispute(engine: SimEngine, body: unknown, visitorId: number): SimResponse {
  const b = lowerKeys(body);
  const wrongDb = checkDatabase(engine, b.get('databaseid'));
  if (wrongDb) return wrongDb;
  const tx = engine.db.begin();
  const orders: SimRow[] = [];
  const missing: number[] = [];
  for (const item of items(b.get('disputeitems'))) {
    const id = readNumber(item.get('id')) ?? 0;
    const code = readNumber(item.get('code')) ?? 0;
    const orderId = id > 0 ? id : code > 0 ? tx.findByCode('Orders', code) : undefined;
    const order = orderId === undefined ? undefined : tx.get('Orders', orderId);
    if (!order || order.VisitorId !== visitorId) {
      missing.push(id || code);
      continue;
    }
    orders.push(tx.update('Orders', orderId!));
    for (const line of lineIdsOf(engine.db, orderId!)) tx.update('OrderDetails', line);
  }
  tx.commit();
  return { status: 200, body: ok({ Orders: orders, Missing: missing }) };
}
