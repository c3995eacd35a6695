import { mappingFor, type EntityMapping } from '../domain/catalog-mapping.js';
import type { MappingContext } from '../domain/catalog-mapping-types.js';
import { advanceFrontier, type PageRef } from './pull-frontier.js';
import { advisoryKeyOf } from './postgres-lock.js';
import { writeWithStorefront } from './pull-storefront-refresh.js';
import type { SqlDb, SqlExecutor } from './sql-db.js';
import type { ApplyResult, PullPage } from './storage.js';
import { quarantineKey, SyncRecordRepo } from './sync-record-repo.js';

/**
 * Applies one pulled page. Invariant 2: the page marker, the rows, the quarantined records and the
 * checkpoint commit in ONE transaction. Invariant 3: rows upsert only over an older RowVersion, so any
 * replay order converges. The checkpoint moves only over the contiguous run of settled pages of the
 * entity in this run (pull-frontier.ts), so a page still waiting or dead-lettered is never overtaken.
 *
 * With `quarantineInvalid` (the pull consumer) a record that fails the mapping becomes a dead letter
 * (one per record and RowVersion however often it is re-read) and the rest of the page is applied:
 * Mahak fixing the record gives it a new RowVersion, so it comes again, while one bad record must not
 * fail its page on every run and hold a whole catalogue back. Without it the page is refused whole.
 */
export async function applyPullPage(
  db: SqlDb,
  page: PullPage,
  ctx: MappingContext,
  quarantineInvalid: boolean,
): Promise<ApplyResult> {
  const mapping = mappingFor(page.entity);
  const { rows, bad } = mapRecords(mapping, page, ctx, quarantineInvalid);
  // Opt-outs (desk settings): the shop's own prices / stock / titles survive the update.
  const kept = mapping.keptColumns(ctx.optOuts);
  const spec = kept.length > 0 ? { ...mapping, keepOnUpdate: kept } : mapping;
  return retryDeadlocks(() => {
    // The catalogue version's bump, when the page owes one: last, with the COMMIT (it locks the row
    // every page shares; pull-storefront-refresh.ts).
    let atCommit: string | undefined;
    const options = { relaxedDurability: true, finalStatement: () => atCommit };
    return db.transaction(async (tx) => {
      await lockEntity(tx, page.entity);
      if (!(await markPage(tx, page, 'applied', ctx.now))) return { duplicate: true, changed: 0 };
      // bulkUpsert keeps the highest RowVersion per id when a page carries one id twice. The storefront's
      // read rows of the products the page touches are recomputed in this same transaction, or, in a
      // first load, once at the run's end (pull-storefront-refresh.ts).
      const ids = rows.map((r) => Number(r[0]));
      const changed =
        rows.length > 0
          ? await writeWithStorefront(
              tx,
              page,
              mapping.table,
              ids,
              () => tx.bulkUpsert(spec, rows),
              (sql) => (atCommit = sql),
            )
          : 0;
      if (changed > 0) {
        await tx.run('UPDATE pull_pages SET changed = ? WHERE run_id = ? AND entity = ? AND seq = ?', [
          changed,
          page.runId,
          page.entity,
          page.seq,
        ]);
      }
      const letters = new SyncRecordRepo(tx);
      for (const b of bad) {
        await letters.addDeadLetter({
          source: 'pull',
          kind: page.entity,
          payload: b.record,
          reason: b.reason,
          attempts: 1,
          dedupeKey: quarantineKey(page.entity, b.record),
        });
      }
      await settle(tx, page, ctx.now);
      return { duplicate: false, changed, ...(bad.length > 0 ? { quarantined: bad.length } : {}) };
      // Lost in a power cut, the page goes whole with its checkpoint, and the next pull reads it again.
    }, options);
  });
}

/**
 * PostgreSQL: an entity's pages apply one at a time in every process (the consumer's lanes keep it so
 * in one process; several instances share the queue). Taken first, before any row lock, and held to
 * the commit, so the frontier's walk (pull-frontier.ts) sees every page of the entity committed before
 * this one, and two pages never race on the same rows. SQLite has one writer anyway.
 */
async function lockEntity(tx: SqlExecutor, entity: string): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  await tx.query('SELECT pg_advisory_xact_lock(CAST(? AS bigint)) AS x', [
    advisoryKeyOf(`pull-page:${entity}`),
  ]);
}

/** Attempts of a page's transaction that PostgreSQL aborts to break a deadlock (40P01). */
const deadlockAttempts = 5;

/**
 * Pages of different entities take their locks in one order (the entity's advisory lock, its own
 * table's rows, the storefront state row last), so two pages cannot deadlock. Another writer of the
 * catalogue that locks the state row first and then rows a page holds (a desk change of the opt-outs
 * during a first load) could; PostgreSQL then aborts one of the two. The page is simply applied again
 * here, from the start, so such a collision costs no queue retry and never a dead letter.
 */
async function retryDeadlocks<T>(apply: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await apply();
    } catch (e) {
      if ((e as { code?: unknown }).code !== '40P01' || attempt >= deadlockAttempts) throw e;
    }
  }
}

/** Mapped before the transaction opens; without `quarantine` the first bad record rejects the page. */
function mapRecords(mapping: EntityMapping, page: PullPage, ctx: MappingContext, quarantine: boolean) {
  const rows: unknown[][] = [];
  const bad: { record: Record<string, unknown>; reason: string }[] = [];
  for (const record of page.records) {
    if (!quarantine) {
      rows.push(mapping.toRow(record, ctx));
      continue;
    }
    try {
      rows.push(mapping.toRow(record, ctx));
    } catch (e) {
      bad.push({ record, reason: (e as Error).message });
    }
  }
  return { rows, bad };
}

/**
 * Records the page in state `state`. False when it was applied already (a queue redelivery). A page
 * marked dead or discarded may still be applied later (staff retried its dead letter).
 */
export async function markPage(
  tx: SqlExecutor,
  page: PageRef & { records?: readonly unknown[] },
  state: 'applied' | 'dead' | 'discarded',
  now: number,
): Promise<boolean> {
  const marked = await tx.run(
    `INSERT INTO pull_pages AS t (run_id, entity, seq, prev_seq, checkpoint, state, record_count, changed, applied_at) ` +
      `VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (run_id, entity, seq) DO UPDATE SET state = excluded.state, ` +
      `applied_at = excluded.applied_at WHERE t.state <> 'applied' AND excluded.state <> 'dead'`,
    [
      page.runId,
      page.entity,
      page.seq,
      page.prevSeq ?? null,
      page.checkpoint,
      state,
      page.records?.length ?? 0,
      now,
    ],
  );
  return marked > 0;
}

/** After a page is applied or discarded: move the frontier and the checkpoint as far as they may go. */
export async function settle(tx: SqlExecutor, page: PageRef, now: number): Promise<void> {
  // A page from a build without prev_seq moves the checkpoint as it always did.
  if (page.prevSeq === undefined) {
    await raiseCheckpoint(tx, page.entity, page.checkpoint, now);
    return;
  }
  const reached = await advanceFrontier(tx, page, now);
  if (reached !== undefined) await raiseCheckpoint(tx, page.entity, reached, now);
}

/** Never backwards: a late or replayed page cannot rewind the cursor. Each new value joins the history. */
export async function raiseCheckpoint(
  tx: SqlExecutor,
  entity: string,
  rowVersion: number,
  now: number,
): Promise<void> {
  const raised = await tx.run(
    `INSERT INTO checkpoints AS t (entity, row_version, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (entity) DO UPDATE SET row_version = excluded.row_version, updated_at = excluded.updated_at
     WHERE excluded.row_version > t.row_version`,
    [entity, rowVersion, now],
  );
  if (raised > 0) {
    await tx.run(
      'INSERT INTO checkpoint_history (entity, row_version, recorded_at) VALUES (?, ?, ?) ON CONFLICT (entity, row_version) DO NOTHING',
      [entity, rowVersion, now],
    );
  }
}
