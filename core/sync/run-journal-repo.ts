import type { EntityProgress, RunLogLine } from '../contracts/admin-sync.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { jsonParam, readJson } from '../store/sql-values.js';

/** A failure as the engine saw it; translated for the clerk when read (sync-error-advice.ts). */
export interface JournalError {
  code: string | null;
  message: string | null;
  details: unknown;
}

/** One run's journal (table sync_run_journal, migration 008). */
export interface RunJournal {
  runId: string;
  /** 'all', 'entity:<Name>' or 'record:<Name>:<id>'. */
  scope: string;
  entities: EntityProgress[];
  log: RunLogLine[];
  logTruncated: boolean;
  error: JournalError | null;
  updatedAt: number;
}

/** Journals of this many newest runs are kept; older ones go after each run. */
export const journalRetention = 1000;

export async function saveJournal(db: SqlExecutor, j: RunJournal): Promise<void> {
  await db.run(
    `INSERT INTO sync_run_journal AS t (run_id, scope, entities, log, log_truncated, error, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id) DO UPDATE SET scope = excluded.scope, entities = excluded.entities, log = excluded.log,
       log_truncated = excluded.log_truncated, error = excluded.error, updated_at = excluded.updated_at`,
    [
      j.runId,
      j.scope,
      jsonParam(j.entities),
      jsonParam(j.log),
      j.logTruncated ? 1 : 0,
      jsonParam(j.error),
      j.updatedAt,
    ],
  );
}

export async function getJournal(db: SqlExecutor, runId: string): Promise<RunJournal | undefined> {
  const rows = await db.query<Record<string, unknown>>('SELECT * FROM sync_run_journal WHERE run_id = ?', [
    runId,
  ]);
  return rows[0] ? toJournal(rows[0]) : undefined;
}

/** Journals of many runs at once (the history list), by run id. */
export async function getJournals(
  db: SqlExecutor,
  runIds: readonly string[],
): Promise<Map<string, RunJournal>> {
  if (runIds.length === 0) return new Map();
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM sync_run_journal WHERE run_id IN (${runIds.map(() => '?').join(', ')})`,
    [...runIds],
  );
  return new Map(rows.map((r) => [String(r.run_id), toJournal(r)]));
}

/** Keeps the newest `keep` journals. */
export async function pruneJournals(db: SqlExecutor, keep = journalRetention): Promise<number> {
  const edge = await db.query<{ updated_at: number }>(
    'SELECT updated_at FROM sync_run_journal ORDER BY updated_at DESC LIMIT 1 OFFSET ?',
    [keep],
  );
  if (!edge[0]) return 0;
  return db.run('DELETE FROM sync_run_journal WHERE updated_at <= ?', [Number(edge[0].updated_at)]);
}

function toJournal(r: Record<string, unknown>): RunJournal {
  return {
    runId: String(r.run_id),
    scope: String(r.scope),
    entities: readJson<EntityProgress[]>(r.entities) ?? [],
    log: readJson<RunLogLine[]>(r.log) ?? [],
    logTruncated: Number(r.log_truncated) === 1,
    error: readJson<JournalError | null>(r.error) ?? null,
    updatedAt: Number(r.updated_at),
  };
}
