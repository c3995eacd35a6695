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

export type PullStatus = Omit<SyncStatus, 'push'>;

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
  const entities: EntityStatus[] = [];
  const deadLetters = await pullDeadLetters(deps.db);
  for (const entity of syncEntityNames) {
    const rows = await countRows(deps.db, entity);
    const cp = checkpoints.get(entity);
    const lastOk = lastFinished(runs, entity, 'ok');
    const failing = failingRun(runs, entity);
    const lastPullAt = lastOk?.finishedAt ?? null;
    const status: Omit<EntityStatus, 'state'> = {
      entity,
      checkpoint: cp && cp.rowVersion > 0 ? cp.rowVersion : null,
      checkpointAt: cp && cp.rowVersion > 0 ? iso(cp.updatedAt) : null,
      lastPullAt: iso(lastPullAt),
      lagSeconds: lastPullAt === null ? null : Math.max(0, Math.round((now - lastPullAt) / 1000)),
      ...rows,
      deadLetters: deadLetters.get(entity) ?? 0,
      mahakHasNewer: probe?.newer.get(entity) ?? null,
    };
    entities.push({ ...status, state: entityState(status, deps.running, failing, probe) });
  }
  return assemble(deps, now, entities, runs, probe);
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

async function countRows(db: SqlExecutor, entity: SyncEntity) {
  const rows = await db.query<{ n: number; d: number }>(
    `SELECT COUNT(*) AS n, COUNT(deleted_at) AS d FROM ${tableOf[entity]}`,
  );
  return { rows: Number(rows[0]?.n ?? 0), deletedRows: Number(rows[0]?.d ?? 0) };
}

/** Quarantined pulled records (source 'pull', kind = entity) waiting for staff. */
async function pullDeadLetters(db: SqlExecutor): Promise<Map<string, number>> {
  const rows = await db.query<{ kind: string; n: number }>(
    "SELECT kind, COUNT(*) AS n FROM dead_letters WHERE source = 'pull' GROUP BY kind",
  );
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}
