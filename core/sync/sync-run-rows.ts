import type { RunBrief, RunDetail, RunHistoryQuery, RunSummary } from '../contracts/admin-sync.js';
import { adviseSyncError } from '../domain/sync-error-advice.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { readJson } from '../store/sql-values.js';
import type { JournalError, RunJournal } from './run-journal-repo.js';

/** A sync_runs row joined with its journal (scope, counts, log, structured error). */
export interface PullRunRow {
  id: string;
  kind: 'pull' | 'push' | 'drift';
  status: 'running' | 'ok' | 'failed';
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
  stats: Record<string, unknown>;
  /** 'all' for runs without a journal (older runs, other processes' push and drift runs). */
  scope: string;
  scopeKind: 'all' | 'entity' | 'record';
  journal: Pick<RunJournal, 'entities' | 'log' | 'logTruncated' | 'error'> | null;
}

const columns =
  'r.id, r.kind, r.status, r.started_at, r.finished_at, r.error, r.stats, j.scope, j.entities, j.log, j.log_truncated, j.error AS journal_error';
const from = 'FROM sync_runs r LEFT JOIN sync_run_journal j ON j.run_id = r.id';

/** Without the journal's entities, log and error: the scope is all a last-success lookup needs. */
const scopeColumns = 'r.id, r.kind, r.status, r.started_at, r.finished_at, r.error, r.stats, j.scope';

/**
 * The newest pull runs: enough to find the last success and failure of every scope. `journal: false`
 * leaves the journals out (their logs are up to 200 lines a run), for callers that only need scopes.
 */
export async function recentPullRuns(
  db: SqlExecutor,
  limit = 200,
  options: { journal?: boolean } = {},
): Promise<PullRunRow[]> {
  const cols = options.journal === false ? scopeColumns : columns;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${cols} ${from} WHERE r.kind = 'pull' ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
    [limit],
  );
  return rows.map(toRunRow);
}

export async function listRunRows(db: SqlExecutor, query: RunHistoryQuery): Promise<PullRunRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.kind) {
    where.push('r.kind = ?');
    params.push(query.kind);
  }
  if (query.status) {
    where.push('r.status = ?');
    params.push(query.status);
  }
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${columns} ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      'ORDER BY r.started_at DESC, r.id DESC LIMIT ?',
    [...params, query.limit],
  );
  return rows.map(toRunRow);
}

export async function getRunRow(db: SqlExecutor, id: string): Promise<PullRunRow | undefined> {
  const rows = await db.query<Record<string, unknown>>(`SELECT ${columns} ${from} WHERE r.id = ?`, [id]);
  return rows[0] ? toRunRow(rows[0]) : undefined;
}

function toRunRow(r: Record<string, unknown>): PullRunRow {
  const scope = typeof r.scope === 'string' ? r.scope : 'all';
  const hasJournal = r.entities !== null && r.entities !== undefined;
  return {
    id: String(r.id),
    kind: r.kind as PullRunRow['kind'],
    status: r.status as PullRunRow['status'],
    startedAt: Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    error: (r.error as string | null) ?? null,
    stats: readJson<Record<string, unknown>>(r.stats) ?? {},
    scope,
    scopeKind: scope.startsWith('record:') ? 'record' : scope.startsWith('entity:') ? 'entity' : 'all',
    journal: hasJournal
      ? {
          entities: readJson(r.entities) ?? [],
          log: readJson(r.log) ?? [],
          logTruncated: Number(r.log_truncated) === 1,
          error: readJson<JournalError | null>(r.journal_error) ?? null,
        }
      : null,
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A run as the desk lists it. A row still 'running' that this process is not running was left by a
 * crashed process (or belongs to another instance); it is shown as it is recorded.
 */
export function runBriefOf(r: PullRunRow): RunBrief {
  const failure = r.journal?.error ?? (r.error ? { code: null, message: r.error, details: undefined } : null);
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: iso(r.finishedAt),
    error: r.status === 'failed' ? adviseSyncError(failure ?? {}) : null,
  };
}

export function runSummaryOf(r: PullRunRow): RunSummary {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0);
  const sum = (o: unknown) =>
    typeof o === 'object' && o !== null ? Object.values(o).reduce<number>((s, v) => s + num(v), 0) : 0;
  const entities = r.journal?.entities ?? [];
  const changed = r.kind === 'push' ? num(r.stats.sent) : entities.reduce((s, e) => s + e.changed, 0);
  return {
    ...runBriefOf(r),
    scope: r.scope,
    durationMs: r.finishedAt === null ? null : r.finishedAt - r.startedAt,
    read: r.kind === 'push' ? num(r.stats.leased) : sum(r.stats.records),
    changed,
    quarantined: r.kind === 'pull' ? num(r.stats.quarantined) : 0,
  };
}

export function runDetailOf(r: PullRunRow): RunDetail {
  return {
    run: runSummaryOf(r),
    entities: r.journal?.entities ?? [],
    stats: r.stats,
    log: r.journal?.log ?? [],
    logTruncated: r.journal?.logTruncated ?? false,
  };
}
