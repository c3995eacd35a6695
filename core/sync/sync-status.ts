import {
  syncEntityNames,
  type EntityState,
  type EntityStatus,
  type RunProgress,
  type SyncEntity,
  type SyncStatus,
} from '../contracts/admin-sync.js';
import { tableOf } from '../domain/catalog-mapping-entities.js';
import { adviseSyncError } from '../domain/sync-error-advice.js';
import type { SqlExecutor } from '../store/sql-db.js';
import type { MahakProbe, ProbeResult } from './mahak-probe.js';
import { runBriefOf, recentPullRuns, type PullRunRow } from './sync-run-rows.js';

export type PullStatus = Omit<SyncStatus, 'push' | 'storefront'>;

export interface PullStatusDeps {
  db: SqlExecutor;
  running: RunProgress | null;
  probe?: MahakProbe;
  schedule: string;
  now?: number;
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
const stateRank: Record<EntityState, number> = { synced: 0, pending: 1, needs_action: 2, syncing: 3 };

/** The pull half of GET /admin/api/sync/status: per-entity state, the last runs, Mahak's answer to a probe. */
export async function pullStatus(deps: PullStatusDeps, options: { probe: boolean }): Promise<PullStatus> {
  const now = deps.now ?? Date.now();
  const checkpoints = await readCheckpoints(deps.db);
  const runs = await recentPullRuns(deps.db);
  const probe =
    options.probe && deps.probe && !deps.running
      ? await deps.probe.check(new Map([...checkpoints].map(([e, c]) => [e, c.rowVersion])))
      : undefined;
  const facts = await factsOf(deps.db, checkpoints, runs, now);
  const deadLetters = await pullDeadLetters(deps.db);
  const entities: EntityStatus[] = [];
  for (const f of facts) {
    const status: Omit<EntityStatus, 'state'> = {
      entity: f.entity,
      checkpoint: f.checkpoint,
      checkpointAt: iso(f.checkpointAt),
      lastPullAt: iso(f.lastPullAt),
      lagSeconds: f.lagSeconds,
      rows: f.rows,
      deletedRows: await countDeleted(deps.db, f.entity),
      deadLetters: deadLetters.get(f.entity) ?? 0,
      mahakHasNewer: probe?.newer.get(f.entity) ?? null,
    };
    entities.push({ ...status, state: entityState(status, deps.running, failingRun(runs, f.entity), probe) });
  }
  return assemble(deps, now, entities, runs, probe);
}

/** What the status screen and /metrics both say of an entity; times in epoch ms. */
export interface EntityPullFacts {
  entity: SyncEntity;
  /** Highest RowVersion applied; null: never pulled. */
  checkpoint: number | null;
  checkpointAt: number | null;
  /** When a pull covering the entity last succeeded, and how many seconds before `now`. */
  lastPullAt: number | null;
  lagSeconds: number | null;
  /** Deleted rows included; how many are deleted is left out (countDeleted reads every row). */
  rows: number;
}

/**
 * The per-entity facts alone, read from the store so every instance answers the same (not only the
 * one holding the pull lock). Run journals are not read: a scrape should not parse 200 run logs.
 */
export async function entityPullFacts(db: SqlExecutor, now = Date.now()): Promise<EntityPullFacts[]> {
  const checkpoints = await readCheckpoints(db);
  return factsOf(db, checkpoints, await recentPullRuns(db, 200, { journal: false }), now);
}

async function factsOf(
  db: SqlExecutor,
  checkpoints: Awaited<ReturnType<typeof readCheckpoints>>,
  runs: PullRunRow[],
  now: number,
): Promise<EntityPullFacts[]> {
  const facts: EntityPullFacts[] = [];
  for (const entity of syncEntityNames) {
    const cp = checkpoints.get(entity);
    const lastPullAt = lastFinished(runs, entity, 'ok')?.finishedAt ?? null;
    facts.push({
      entity,
      checkpoint: cp && cp.rowVersion > 0 ? cp.rowVersion : null,
      checkpointAt: cp && cp.rowVersion > 0 ? cp.updatedAt : null,
      lastPullAt,
      lagSeconds: lastPullAt === null ? null : Math.max(0, Math.round((now - lastPullAt) / 1000)),
      rows: await countRows(db, entity),
    });
  }
  return facts;
}

function assemble(
  deps: PullStatusDeps,
  now: number,
  entities: EntityStatus[],
  runs: PullRunRow[],
  probe: ProbeResult | undefined,
): PullStatus {
  const wide = runs.filter((r) => r.scopeKind !== 'record' && r.status !== 'running');
  const lastRun = runs.find((r) => r.scopeKind !== 'record');
  const lastOkAll = runs.find((r) => r.scope === 'all' && r.status === 'ok');
  const failing = wide.find(
    (r) => r.status === 'failed' && (!lastOkAll || r.startedAt > lastOkAll.startedAt),
  );
  const lastSuccessAt = lastOkAll?.finishedAt ?? null;
  return {
    now: new Date(now).toISOString(),
    state: entities.reduce<EntityState>(
      (w, e) => (stateRank[e.state] > stateRank[w] ? e.state : w),
      'synced',
    ),
    firstSync: entities.every((e) => e.checkpoint === null),
    pull: {
      lastRun: lastRun ? runBriefOf(lastRun) : null,
      lastSuccessAt: iso(lastSuccessAt),
      lagSeconds: lastSuccessAt === null ? null : Math.max(0, Math.round((now - lastSuccessAt) / 1000)),
      lastError: failing ? runBriefOf(failing).error : null,
      schedule: deps.schedule,
    },
    mahak: { probedAt: iso(probe?.at), error: probe?.error ? adviseSyncError(probe.error) : null },
    entities,
    current: deps.running,
  };
}

function entityState(
  s: Omit<EntityStatus, 'state'>,
  running: RunProgress | null,
  failing: PullRunRow | undefined,
  probe: ProbeResult | undefined,
): EntityState {
  const inRun = running && (running.scope.kind === 'all' || running.scope.entity === s.entity);
  if (inRun) return 'syncing';
  if (failing || probe?.error || s.deadLetters > 0) return 'needs_action';
  if (s.checkpoint === null || s.mahakHasNewer === true) return 'pending';
  return 'synced';
}

const covers = (r: PullRunRow, entity: SyncEntity) => r.scope === 'all' || r.scope === `entity:${entity}`;

function lastFinished(runs: PullRunRow[], entity: SyncEntity, status: 'ok' | 'failed') {
  return runs.find((r) => r.status === status && covers(r, entity));
}

/** The newest failed run covering the entity, unless a run covering it succeeded since. */
function failingRun(runs: PullRunRow[], entity: SyncEntity): PullRunRow | undefined {
  const newest = runs.find((r) => r.status !== 'running' && covers(r, entity));
  return newest?.status === 'failed' ? newest : undefined;
}

async function readCheckpoints(db: SqlExecutor) {
  const rows = await db.query<{ entity: SyncEntity; row_version: number; updated_at: number }>(
    'SELECT entity, row_version, updated_at FROM checkpoints',
  );
  return new Map(
    rows
      .filter((r) => r.entity in tableOf)
      .map((r) => [r.entity, { rowVersion: Number(r.row_version), updatedAt: Number(r.updated_at) }]),
  );
}

/** COUNT(*) walks the smallest index: well under a millisecond for 100,000 SQLite rows. */
async function countRows(db: SqlExecutor, entity: SyncEntity): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${tableOf[entity]}`);
  return Number(rows[0]?.n ?? 0);
}

/** Reads every row (deleted_at has no index): ~45 ms for 100,000 SQLite products, so not on a scrape. */
async function countDeleted(db: SqlExecutor, entity: SyncEntity): Promise<number> {
  const rows = await db.query<{ d: number }>(`SELECT COUNT(deleted_at) AS d FROM ${tableOf[entity]}`);
  return Number(rows[0]?.d ?? 0);
}

/** Quarantined pulled records (source 'pull', kind = entity) waiting for staff. */
async function pullDeadLetters(db: SqlExecutor): Promise<Map<string, number>> {
  const rows = await db.query<{ kind: string; n: number }>(
    "SELECT kind, COUNT(*) AS n FROM dead_letters WHERE source = 'pull' GROUP BY kind",
  );
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}
