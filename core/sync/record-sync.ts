import { randomUUID } from 'node:crypto';
import type { SyncEntity, SyncRecordResult } from '../contracts/admin-sync.js';
import { pulledEntities } from '../contracts/mahak-wire.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import { isHamgamError } from '../errors.js';
import type { Storage, SyncRunRecord } from '../store/storage.js';
import { labelOf } from './pull-preview-count.js';
import { advanceCursor, startCursor } from './pull-paging.js';
import type { PullSource } from './pull-fetcher.js';
import { addLog, newRunState, type RunState } from './run-progress-state.js';
import { saveJournal } from './run-journal-repo.js';

export interface RecordSyncDeps {
  source: PullSource;
  storage: Storage;
  pageSize: number;
  /** A lookup never pages the whole catalogue: a record not found within this many pages is "missing". */
  maxPages?: number;
}

/**
 * "Sync this one record": fetch it from Mahak and apply it through the pull's own path
 * (Storage.applyPullPage: page marker, monotonic upsert, checkpoint never backwards). GetAllData cannot
 * ask for ids (API.md §3), but RowVersions only grow (§6): the record is at or above the RowVersion we
 * hold, so reading from there finds it on the first page; a record we never had is searched from 0.
 * The checkpoint is passed unchanged: one record says nothing about the rows around it.
 */
export async function syncRecord(
  deps: RecordSyncDeps,
  entity: SyncEntity,
  id: number,
): Promise<SyncRecordResult> {
  const run: SyncRunRecord = {
    id: randomUUID(),
    kind: 'pull',
    startedAt: Date.now(),
    status: 'running',
    stats: {},
  };
  const journal = newRunState(run.id, [entity], run.startedAt);
  const scope = `record:${entity}:${id}`;
  journal.log[0].data.scope = scope;
  await deps.storage.recordRun({ ...run, stats: { scope } });
  try {
    const record = await findRecord(deps, entity, id);
    const result = await applyRecord(deps, run.id, entity, id, record);
    addLog(journal, Date.now(), 'info', `record_${result.outcome}`, entity, { id });
    const stats = { scope, records: { [entity]: record ? 1 : 0 }, outcome: result.outcome };
    await finish(deps, { ...run, status: 'ok', stats }, journal, scope);
    return result;
  } catch (e) {
    journal.error = {
      code: isHamgamError(e) ? e.code : null,
      message: (e as Error).message,
      details: isHamgamError(e) ? e.details : undefined,
    };
    addLog(journal, Date.now(), 'error', 'run_failed', entity, { id });
    await finish(
      deps,
      { ...run, status: 'failed', error: (e as Error).message, stats: { scope } },
      journal,
      scope,
    );
    throw e;
  }
}

async function applyRecord(
  deps: RecordSyncDeps,
  runId: string,
  entity: SyncEntity,
  id: number,
  record: Record<string, unknown> | undefined,
): Promise<SyncRecordResult> {
  if (!record)
    return { runId, entity, id, outcome: 'missing', rowVersion: null, deleted: false, label: null };
  const checkpoint = (await deps.storage.getCheckpoints())[entity] ?? 0;
  const applied = await deps.storage.applyPullPage({ runId, seq: 0, entity, records: [record], checkpoint });
  return {
    runId,
    entity,
    id,
    outcome: applied.changed > 0 ? 'applied' : 'unchanged',
    rowVersion: Number(record.RowVersion),
    deleted: record.Deleted === true,
    label: labelOf(record),
  };
}

async function findRecord(
  deps: RecordSyncDeps,
  entity: SyncEntity,
  id: number,
): Promise<Record<string, unknown> | undefined> {
  const { collection, idField } = pulledEntities[entity];
  const local = await deps.storage.db.query<{ row_version: number }>(
    `SELECT row_version FROM ${tableOf[entity]} WHERE id = ?`,
    [id],
  );
  let cursor = startCursor(Number(local[0]?.row_version ?? 1) - 1, deps.pageSize);
  let found: Record<string, unknown> | undefined;
  for (let page = 0; page < (deps.maxPages ?? 100) && !cursor.done; page++) {
    const res = await deps.source.getAllData({
      cursors: { [collection]: cursor.from },
      pageSize: cursor.pageSize,
    });
    const rows = res.records[collection] ?? [];
    for (const r of rows) {
      if (Number(r[idField]) === id && (!found || Number(found.RowVersion) <= Number(r.RowVersion)))
        found = r;
    }
    cursor = advanceCursor(
      cursor,
      rows.map((r) => Number(r.RowVersion)),
    );
    // Found on a page: later pages can only hold a newer version if it changed meanwhile; take this one.
    if (found) break;
  }
  return found;
}

async function finish(
  deps: RecordSyncDeps,
  run: SyncRunRecord,
  journal: RunState,
  scope: string,
): Promise<void> {
  const finishedAt = Date.now();
  await deps.storage.recordRun({ ...run, finishedAt });
  await saveJournal(deps.storage.db, {
    runId: run.id,
    scope,
    entities: [],
    log: journal.log,
    logTruncated: journal.logTruncated,
    error: journal.error,
    updatedAt: finishedAt,
  });
}
