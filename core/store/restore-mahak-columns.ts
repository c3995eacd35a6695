import { pulledEntityNames } from '../contracts/mahak-wire.js';
import { mappingFor, type MappingContext, type PullOptOut } from '../domain/catalog-mapping.js';
import type { SqlDb } from './sql-db.js';
import { readJson, toParam } from './sql-values.js';

/**
 * When the shop stops keeping a field (an opt-out is switched off), Mahak's value comes back at once
 * instead of only when Mahak next changes that row (the RowVersion guard would hold it back until
 * then). Each row's columns are re-mapped from its raw payload, Mahak's last word, and written only
 * if the row did not move meanwhile (a pull applying a newer version wins). Batched, one transaction
 * per batch, so a large catalogue does not block the pull for long. Returns the rows restored.
 */
export async function restoreMahakColumns(
  db: SqlDb,
  optOut: PullOptOut,
  ctx: Pick<MappingContext, 'mahakCurrency'>,
  batchSize = 500,
): Promise<number> {
  let restored = 0;
  for (const entity of pulledEntityNames) {
    const mapping = mappingFor(entity);
    const owned = mapping.ownedBy(optOut);
    if (owned.length === 0) continue;
    const at = owned.map((name) => mapping.columns.findIndex((c) => c.name === name));
    const set = owned.map((c) => `${c} = ?`).join(', ');
    const update = `UPDATE ${mapping.table} SET ${set} WHERE id = ? AND row_version = ?`;
    for (let afterId = -1; ;) {
      const rows = await db.query<{ id: number; row_version: number; raw: unknown }>(
        `SELECT id, row_version, raw FROM ${mapping.table} WHERE id > ? ORDER BY id LIMIT ?`,
        [afterId, batchSize],
      );
      if (rows.length === 0) break;
      restored += await db.transaction(async (tx) => {
        let n = 0;
        for (const row of rows) {
          const values = mapping.toRow(readJson(row.raw) as Record<string, unknown>, { ...ctx, now: 0 });
          n += await tx.run(update, [
            ...at.map((i) => toParam(mapping.columns[i].type, values[i])),
            row.id,
            row.row_version,
          ]);
        }
        return n;
      });
      afterId = Number(rows[rows.length - 1].id);
    }
  }
  return restored;
}
