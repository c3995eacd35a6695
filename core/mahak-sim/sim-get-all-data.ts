import type { SimDatabase } from './sim-database.js';
import { cursorCollections, isEntityName } from './sim-entities.js';
import { faMessages } from './sim-messages.js';
import { honestPaging, quirkyPage, type PagingQuirks } from './sim-paging-quirks.js';
import type { SimRow } from './sim-row.js';
import { visibilityFilter } from './sim-visibility.js';
import { fail, lowerKeys, ok, readNumber, type Envelope } from './sim-wire.js';

export interface GetAllDataOptions {
  visitorId: number;
  /**
   * Rows per entity when the client sends no pageSize. The live default is unknown (API.md §6); a cap keeps
   * a 1,000,000-product sim from building a gigabyte response. A client that loops until no entity advances
   * (S2's FullCatalogSyncService) still gets everything.
   */
  defaultLimit: number;
  /** Deviations from the paging we guessed (sim-paging-quirks.ts); honest when absent. */
  quirks?: PagingQuirks;
}

export interface SimResponse {
  status: number;
  body: Envelope;
}

/**
 * GetAllData (API.md §3, §6): per requested cursor `from<X>Version` — absent or null: collection not returned;
 * 0: everything; n: rows with RowVersion > n. `pageSize` caps the rows PER ENTITY, ascending by RowVersion.
 * Logical deletes come back with Deleted: true. Cursors of collections the sim does not model answer [].
 */
export function getAllData(db: SimDatabase, body: unknown, options: GetAllDataOptions): SimResponse {
  const b = lowerKeys(body);
  const pageSize = readNumber(b.get('pagesize'));
  if (pageSize !== undefined && !Number.isInteger(pageSize)) return badRequest('pageSize');
  const quirks = options.quirks ?? honestPaging;
  const asked = pageSize !== undefined && pageSize > 0 && quirks.pageSizeHonoured;
  const limit = asked ? pageSize : options.defaultLimit;
  const orderTypes = readOrderTypes(b.get('ordertypes'));
  if (orderTypes === null) return badRequest('orderTypes');
  db.flush();
  const objects: Record<string, SimRow[]> = {};
  for (const [key, value] of b) {
    const collection = cursorCollections[key];
    if (!collection) continue;
    const cursor = readNumber(value);
    if (cursor === undefined) continue; // absent/null: "if you do not need an entity, do not send its RowVersion"
    if (!Number.isInteger(cursor) || cursor < 0) return badRequest(key);
    if (!isEntityName(collection)) {
      objects[collection] = [];
      continue;
    }
    const accept = visibilityFilter(db, collection, { visitorId: options.visitorId, orderTypes });
    objects[collection] = quirkyPage(db.tables[collection], cursor, limit, accept, quirks);
  }
  return { status: 200, body: ok({ Objects: objects }) };
}

function readOrderTypes(v: unknown): number[] | undefined | null {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return null;
  const types = v.map(readNumber);
  return types.every((t) => t !== undefined && Number.isInteger(t)) ? (types as number[]) : null;
}

/** ASP.NET model binding rejects a wrongly typed field with HTTP 400; the sim does the same, in an envelope. */
const badRequest = (field: string): SimResponse => ({
  status: 400,
  body: fail(400, `${faMessages.badRequest}: ${field}`),
});
