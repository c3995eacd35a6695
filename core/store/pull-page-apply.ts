import { mappingFor } from '../domain/catalog-mapping.js';
import type { MappingContext } from '../domain/catalog-mapping-types.js';
import type { SqlDb } from './sql-db.js';
import type { ApplyResult, PullPage } from './storage.js';

/**
 * Applies one pulled page. Invariant 2: the page marker, the rows and the checkpoint commit in ONE
 * transaction. Invariant 3: rows upsert only over an older RowVersion, so any replay order converges.
 * The records are validated and mapped before the transaction opens: a bad record changes nothing.
 */
export async function applyPullPage(db: SqlDb, page: PullPage, ctx: MappingContext): Promise<ApplyResult> {
  const mapping = mappingFor(page.entity);
  // bulkUpsert keeps the highest RowVersion per id when a page carries one id twice.
  const rows = page.records.map((r) => mapping.toRow(r, ctx));
  // Opt-outs (desk settings): the shop's own prices / stock / titles survive the update.
  const kept = mapping.keptColumns(ctx.optOuts);
  const spec = kept.length > 0 ? { ...mapping, keepOnUpdate: kept } : mapping;
  return db.transaction(async (tx) => {
    const marked = await tx.run(
      `INSERT INTO pull_pages (run_id, entity, seq, record_count, changed, applied_at) VALUES (?, ?, ?, ?, 0, ?)
       ON CONFLICT (run_id, entity, seq) DO NOTHING`,
      [page.runId, page.entity, page.seq, page.records.length, ctx.now],
    );
    if (marked === 0) return { duplicate: true, changed: 0 };
    const changed = rows.length > 0 ? await tx.bulkUpsert(spec, rows) : 0;
    if (changed > 0) {
      await tx.run('UPDATE pull_pages SET changed = ? WHERE run_id = ? AND entity = ? AND seq = ?', [
        changed,
        page.runId,
        page.entity,
        page.seq,
      ]);
    }
    // Never backwards: a late or replayed page cannot rewind the cursor.
    await tx.run(
      `INSERT INTO checkpoints AS t (entity, row_version, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (entity) DO UPDATE SET row_version = excluded.row_version, updated_at = excluded.updated_at
       WHERE excluded.row_version > t.row_version`,
      [page.entity, page.checkpoint, ctx.now],
    );
    return { duplicate: false, changed };
  });
}
