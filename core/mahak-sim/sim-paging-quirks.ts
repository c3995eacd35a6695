import type { EntityTable } from './entity-table.js';
import { hash32 } from './sim-random.js';
import type { SimRow } from './sim-row.js';

/**
 * How GetAllData pages may differ from what we guessed (API.md §6: pageSize semantics, ordering and the
 * cursor operator are unknown). Each is a switch in the simulator's settings so the engine's tests can
 * prove the pull survives it. The honest default: rows above the cursor, ascending, at most pageSize.
 */
export interface PagingQuirks {
  /** false: pageSize is ignored (the server answers up to its own default limit). */
  pageSizeHonoured: boolean;
  /** 'id': the rows above the cursor sorted by server id, then cut (a subset, not a RowVersion prefix). */
  pageOrder: 'rowVersion' | 'id' | 'shuffled';
  /** The server's own page limit, below whatever pageSize asks (0 = none). */
  pageRowCap: number;
  /** '>' (exclusive), '>=' (inclusive, S4 hints at it) or ignored altogether (everything every time). */
  cursorMode: 'exclusive' | 'inclusive' | 'ignored';
}

export const honestPaging: PagingQuirks = {
  pageSizeHonoured: true,
  pageOrder: 'rowVersion',
  pageRowCap: 0,
  cursorMode: 'exclusive',
};

/** One collection's rows for a cursor and limit, as a server with these quirks would give them. */
export function quirkyPage(
  table: EntityTable,
  cursor: number,
  limit: number,
  accept: (row: SimRow) => boolean,
  q: PagingQuirks,
): SimRow[] {
  const from = q.cursorMode === 'ignored' ? 0 : q.cursorMode === 'inclusive' ? cursor - 1 : cursor;
  const cap = q.pageRowCap > 0 ? Math.min(limit, q.pageRowCap) : limit;
  if (q.pageOrder === 'id') {
    const id = (r: SimRow) => r[table.def.idField] as number;
    return table
      .page(from, Number.POSITIVE_INFINITY, accept)
      .sort((a, b) => id(a) - id(b))
      .slice(0, cap);
  }
  const rows = table.page(from, cap, accept);
  if (q.pageOrder === 'shuffled') shuffle(rows, cursor);
  return rows;
}

/** Seeded Fisher-Yates: the same request gets the same disorder. */
function shuffle(rows: SimRow[], seed: number): void {
  for (let i = rows.length - 1; i > 0; i--) {
    const j = hash32(seed, i) % (i + 1);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
}
