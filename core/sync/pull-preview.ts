import type { PreviewEntity, PreviewResult, SyncEntity } from '../contracts/admin-sync.js';
import { pulledEntities, type PulledEntityName } from '../contracts/mahak-wire.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import type { GetAllDataResult } from '../mahak/mahak-client.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { previewCounter, type PreviewCounter } from './pull-preview-count.js';
import { advanceCursor, startCursor, type EntityCursor } from './pull-paging.js';
import type { PullSource } from './pull-fetcher.js';

export interface PreviewDeps {
  source: PullSource;
  db: SqlExecutor;
  pageSize: number;
  samples?: number;
}

/**
 * A dry run of a pull: the same paging as the fetcher (one GetAllData per round for every active
 * entity, from the checkpoint), but each page is only compared with the store and dropped. Nothing is
 * written: no rows, no checkpoint, no page marker, no dead letter. Memory stays at one page plus the
 * counters and a few samples, however big the catalogue.
 */
export async function previewPull(
  deps: PreviewDeps,
  entities: readonly PulledEntityName[],
): Promise<PreviewResult> {
  const startedAt = new Date().toISOString();
  const checkpoints = await readCheckpoints(deps.db);
  const cursors = new Map<PulledEntityName, EntityCursor>(
    entities.map((e) => [
      e,
      startCursor(checkpoints.get(e), deps.pageSize, { checkpoint: checkpoints.get(e) }),
    ]),
  );
  const counters = new Map(entities.map((e) => [e, previewCounter(deps.db, e, deps.samples ?? 3)]));
  while ([...cursors.values()].some((c) => !c.done)) {
    const active = [...cursors].filter(([, c]) => !c.done);
    const pageSize = Math.max(...active.map(([, c]) => c.pageSize));
    const response = await deps.source.getAllData({
      cursors: Object.fromEntries(active.map(([e, c]) => [pulledEntities[e].collection, c.from])),
      pageSize,
    });
    for (const [entity, cursor] of active) {
      const next = await countPage(counters.get(entity)!, entity, { ...cursor, pageSize }, response);
      cursors.set(entity, next);
    }
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    firstSync: ![...checkpoints.values()].some((v) => v > 0),
    entities: entities.map((e): PreviewEntity => counters.get(e)!.result()),
  };
}

async function countPage(
  counter: PreviewCounter,
  entity: PulledEntityName,
  cursor: EntityCursor,
  response: GetAllDataResult,
): Promise<EntityCursor> {
  const records = response.records[pulledEntities[entity].collection] ?? [];
  const bad = response.quarantined.filter((q) => q.entity === entity);
  await counter.add(records, bad.length);
  const versions = [
    ...records.map((r) => Number(r.RowVersion)),
    ...bad.map((q) => rowVersionOf(q.payload)).filter((v): v is number => v !== undefined),
  ];
  return advanceCursor(cursor, versions);
}

async function readCheckpoints(db: SqlExecutor): Promise<Map<SyncEntity, number>> {
  const rows = await db.query<{ entity: SyncEntity; row_version: number }>(
    'SELECT entity, row_version FROM checkpoints',
  );
  return new Map(rows.filter((r) => r.entity in tableOf).map((r) => [r.entity, Number(r.row_version)]));
}

/** Same rule as the fetcher: a quarantined record may still carry a RowVersion the cursor must pass. */
function rowVersionOf(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const entry = Object.entries(payload).find(([k]) => k.toLowerCase() === 'rowversion');
  const value = Number(entry?.[1]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
