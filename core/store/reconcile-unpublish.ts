import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import type { SqlDb } from './sql-db.js';

/** What the reconciliation did to one entity's rows that Mahak no longer returns. */
export interface UnseenOutcome {
  /** Live (not deleted) rows at or below the read's horizon. */
  live: number;
  /** Of those, rows Mahak did not return in the full read. */
  unseen: number;
  /** Rows marked deleted now (0 when held back). */
  unpublished: number;
  /** True when too many rows were unseen to trust the read (nothing changed). */
  heldBack: boolean;
}

export interface UnseenLimits {
  /** Above this share of the live rows, unseen rows are held back for staff rather than unpublished. */
  maxShare: number;
  /** A few unseen rows are always acted on, however small the entity. */
  floor: number;
}

const chunk = 500;

/**
 * Rows we hold that Mahak's full read did not return become deleted (invariant 4: soft delete), with
 * row_version 0 so that any later sighting of the row, at whatever RowVersion, brings it back through
 * the monotonic upsert. Only rows at or below `horizon` (the highest RowVersion the read saw) are
 * judged: a row written after the read began, e.g. a web customer the push just settled, is not
 * "missing". A read that misses most of an entity (a wrong database id, a visitor whose assignments
 * were cleared) is held back: unpublishing a whole catalogue is staff's decision, not the scheduler's.
 */
export async function unpublishUnseen(
  db: SqlDb,
  entity: PulledEntityName,
  seen: ReadonlySet<number>,
  horizon: number,
  now: number,
  limits: UnseenLimits,
): Promise<UnseenOutcome> {
  const table = tableOf[entity];
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM ${table} WHERE deleted_at IS NULL AND row_version <= ?`,
    [horizon],
  );
  const unseen = rows.map((r) => Number(r.id)).filter((id) => !seen.has(id));
  const outcome = { live: rows.length, unseen: unseen.length, unpublished: 0, heldBack: false };
  if (unseen.length === 0) return outcome;
  if (unseen.length > limits.floor && unseen.length > limits.maxShare * rows.length) {
    return { ...outcome, heldBack: true };
  }
  let unpublished = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < unseen.length; i += chunk) {
      const ids = unseen.slice(i, i + chunk);
      unpublished += await tx.run(
        `UPDATE ${table} SET deleted_at = ?, row_version = 0 WHERE deleted_at IS NULL AND row_version <= ? ` +
          `AND id IN (${ids.map(() => '?').join(', ')})`,
        [now, horizon, ...ids],
      );
    }
  });
  return { ...outcome, unpublished };
}
