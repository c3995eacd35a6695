/**
 * Cursor arithmetic for one entity (ARCHITECTURE.md invariant 1). Pure, so the rules are unit-tested.
 *
 * - A run starts `overlap` RowVersions below the checkpoint: a row committed late by a long Mahak
 *   transaction can carry a lower RowVersion than rows we already saw; the overlap re-reads it.
 * - After a full page the next request starts at (max RowVersion of the page - 1): rows sharing that
 *   RowVersion may straddle the page boundary, so they are read again; the monotonic upsert makes the
 *   re-read harmless.
 * - If a full page cannot move the cursor (every row has the same RowVersion), the page size doubles.
 */
export interface EntityCursor {
  /** `from<Entity>Version` of the next request. */
  from: number;
  pageSize: number;
  /** Highest RowVersion seen in this run (or the stored checkpoint): what the checkpoint becomes. */
  maxSeen: number;
  done: boolean;
}

export const maxPageSize = 100_000;

export function startCursor(checkpoint: number | undefined, overlap: number, pageSize: number): EntityCursor {
  if (checkpoint === undefined || checkpoint <= 0) return { from: 0, pageSize, maxSeen: 0, done: false };
  return { from: Math.max(0, checkpoint - overlap), pageSize, maxSeen: checkpoint, done: false };
}

/** rowVersions: every RowVersion the page returned (valid and quarantined rows alike). */
export function advanceCursor(cursor: EntityCursor, rowVersions: readonly number[]): EntityCursor {
  const pageMax = rowVersions.reduce((m, v) => (v > m ? v : m), 0);
  const maxSeen = Math.max(cursor.maxSeen, pageMax);
  if (rowVersions.length < cursor.pageSize) return { ...cursor, maxSeen, done: true };
  const next = pageMax - 1;
  if (next > cursor.from) return { from: next, pageSize: cursor.pageSize, maxSeen, done: false };
  if (cursor.pageSize >= maxPageSize) {
    throw new Error(`More than ${maxPageSize} rows share RowVersion ${pageMax}; cannot page past them`);
  }
  return { from: cursor.from, pageSize: Math.min(maxPageSize, cursor.pageSize * 2), maxSeen, done: false };
}
