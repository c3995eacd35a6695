import { HamgamError } from '../errors.js';

/**
 * Cursor arithmetic for one entity (ARCHITECTURE.md invariant 1). Pure, so every rule is unit-tested.
 *
 * - After a page the next request starts at (highest RowVersion of the page - 1): rows sharing that
 *   RowVersion may straddle the page boundary, so they are read again; the monotonic upsert makes the
 *   re-read harmless.
 * - An entity is done only when a response brings nothing beyond that re-read boundary. A short page
 *   is NOT trusted to be the last one: Mahak's own page limit is unknown (API.md §6) and may be smaller
 *   than the pageSize we ask for; a short page taken as the end would stop the pull there for good.
 * - A full page that cannot move the cursor (every row shares one RowVersion) doubles the page size, up
 *   to `maxPageSize`; beyond it the pull fails with PULL_ROWVERSION_TIE instead of going round forever.
 * - `checkpoint` is what the entity's checkpoint may become once every page before is applied: every
 *   row with a RowVersion at or below it has been read. After a page that is (page max - 1), because
 *   more rows at the page max may follow; after the last page, the highest RowVersion seen.
 * - The paging contract (rows above the cursor, ascending, at most pageSize) is checked on every page
 *   (`checkPage`). A page that breaks it does not move the checkpoint, and the entity falls back to
 *   'unpaged' mode: no pageSize is sent and the fetcher sorts what comes back itself.
 */
export type PagingMode = 'paged' | 'unpaged';

export interface EntityCursor {
  /** `from<Entity>Version` of the next request. */
  from: number;
  pageSize: number;
  /** Every row with RowVersion <= checkpoint has been read: what the stored checkpoint may become. */
  checkpoint: number;
  done: boolean;
  mode: PagingMode;
}

/** How a page broke the paging contract. */
export type PagingViolation = 'belowCursor' | 'unsorted' | 'overPageSize';

export const defaultMaxPageSize = 100_000;

/** `start`: where the run re-reads from (the time window, pull-window.ts); `checkpoint`: the stored one. */
export function startCursor(
  start: number | undefined,
  pageSize: number,
  options: { checkpoint?: number; mode?: PagingMode } = {},
): EntityCursor {
  const from = Math.max(0, start ?? 0);
  const checkpoint = Math.max(0, options.checkpoint ?? 0);
  return { from, pageSize, checkpoint, done: false, mode: options.mode ?? 'paged' };
}

/**
 * Checks one page against the contract, `rowVersions` in the order Mahak sent them. A RowVersion equal
 * to the cursor is tolerated (a server filtering with `>=` is harmless, API.md §6 and S4); one below it
 * means the cursor was ignored. In unpaged mode order and size are ours to handle, only the cursor counts.
 */
export function checkPage(cursor: EntityCursor, rowVersions: readonly number[]): PagingViolation[] {
  const found: PagingViolation[] = [];
  if (cursor.mode === 'unpaged') return found;
  if (rowVersions.some((v) => v < cursor.from)) found.push('belowCursor');
  if (rowVersions.some((v, i) => i > 0 && v < rowVersions[i - 1])) found.push('unsorted');
  if (rowVersions.length > cursor.pageSize) found.push('overPageSize');
  return found;
}

/** The cursor after a page that broke the contract: same place, same checkpoint, no pageSize any more. */
export function fallBack(cursor: EntityCursor): EntityCursor {
  return { ...cursor, mode: 'unpaged', done: false };
}

/**
 * The cursor after a page that kept the contract. rowVersions: every RowVersion the page returned
 * (valid and quarantined rows alike), any order.
 */
export function advanceCursor(
  cursor: EntityCursor,
  rowVersions: readonly number[],
  options: { entity?: string; maxPageSize?: number } = {},
): EntityCursor {
  let pageMax = cursor.from;
  for (const v of rowVersions) if (v > pageMax) pageMax = v;
  if (pageMax > cursor.from + 1) {
    return { ...cursor, from: pageMax - 1, checkpoint: Math.max(cursor.checkpoint, pageMax - 1) };
  }
  const full = cursor.mode === 'paged' && rowVersions.length >= cursor.pageSize;
  if (!full) return { ...cursor, done: true, checkpoint: Math.max(cursor.checkpoint, pageMax) };
  const maxPageSize = options.maxPageSize ?? defaultMaxPageSize;
  if (cursor.pageSize >= maxPageSize) throw rowVersionTie(options.entity ?? '?', pageMax, maxPageSize);
  return { ...cursor, pageSize: Math.min(maxPageSize, cursor.pageSize * 2) };
}

function rowVersionTie(entity: string, rowVersion: number, maxPageSize: number): HamgamError {
  return new HamgamError(
    'PULL_ROWVERSION_TIE',
    `More than ${maxPageSize} ${entity} rows share RowVersion ${rowVersion}, so no page can move past ` +
      `them. Raise HAMGAM_PULL_MAX_PAGE_SIZE above that number, or have the rows saved again in Mahak ` +
      `(each save gives a row a new RowVersion).`,
    { entity, rowVersion, maxPageSize, setting: 'HAMGAM_PULL_MAX_PAGE_SIZE' },
  );
}

/** Ascending by RowVersion, keeping Mahak's order among equals (Array.prototype.sort is stable). */
export function sortByRowVersion<T extends { RowVersion?: unknown }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(a.RowVersion) - Number(b.RowVersion));
}

/**
 * Splits one response (sorted ascending) into queue pages of at most `size` rows. Each chunk carries
 * the checkpoint that is safe once it and every chunk before it are applied: below the first
 * RowVersion of the next chunk (rows at a shared RowVersion may straddle chunks), never above the
 * response's own `checkpoint`.
 */
export function chunkPage<T extends { RowVersion?: unknown }>(
  sorted: readonly T[],
  size: number,
  checkpoint: number,
): { rows: T[]; checkpoint: number }[] {
  const chunks: { rows: T[]; checkpoint: number }[] = [];
  for (let i = 0; i < sorted.length; i += size) {
    const rows = sorted.slice(i, i + size);
    const next = sorted[i + size];
    const last = Number(rows[rows.length - 1].RowVersion);
    const safe = next === undefined ? checkpoint : Math.min(last, Number(next.RowVersion) - 1, checkpoint);
    chunks.push({ rows, checkpoint: safe });
  }
  return chunks;
}
