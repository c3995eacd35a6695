import type { SqlDb } from './sql-db.js';
import { jsonParam, readJson } from './sql-values.js';
import type { DeadLetter, NewDeadLetter, SyncRunRecord } from './storage.js';

export interface DeadLetterRow {
  id: number;
  source: string;
  kind: string;
  payload: unknown;
  reason: string;
  attempts: number;
  history: unknown;
  created_at: number;
}

interface RunRow {
  id: string;
  kind: SyncRunRecord['kind'];
  started_at: number;
  finished_at: number | null;
  status: SyncRunRecord['status'];
  stats: unknown;
  error: string | null;
}

/** Dead letters (invariant 6) and the run history, on any SqlDb. */
export class SyncRecordRepo {
  constructor(private readonly db: SqlDb) {}

  async addDeadLetter(letter: NewDeadLetter): Promise<number> {
    const rows = await this.db.query<{ id: number }>(
      `INSERT INTO dead_letters (source, kind, payload, reason, attempts, history, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        letter.source,
        letter.kind,
        jsonParam(letter.payload ?? null),
        letter.reason,
        letter.attempts,
        jsonParam(letter.history ?? []),
        Date.now(),
      ],
    );
    return Number(rows[0].id);
  }

  async listDeadLetters(query: { limit?: number; afterId?: number } = {}): Promise<DeadLetter[]> {
    const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
    const rows = await this.db.query<DeadLetterRow>(
      'SELECT * FROM dead_letters WHERE id > ? ORDER BY id LIMIT ?',
      [query.afterId ?? 0, limit],
    );
    return rows.map(toDeadLetter);
  }

  async getDeadLetter(id: number): Promise<DeadLetter | undefined> {
    const rows = await this.db.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = ?', [id]);
    return rows[0] ? toDeadLetter(rows[0]) : undefined;
  }

  async deleteDeadLetter(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM dead_letters WHERE id = ?', [id])) > 0;
  }

  /** Called when a run starts and again when it ends: the row is replaced by id. */
  async recordRun(run: SyncRunRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO sync_runs AS t (id, kind, started_at, finished_at, status, stats, error) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, started_at = excluded.started_at, finished_at = excluded.finished_at,
       status = excluded.status, stats = excluded.stats, error = excluded.error`,
      [
        run.id,
        run.kind,
        run.startedAt,
        run.finishedAt ?? null,
        run.status,
        jsonParam(run.stats),
        run.error ?? null,
      ],
    );
  }

  async listRuns(limit: number): Promise<SyncRunRecord[]> {
    const rows = await this.db.query<RunRow>(
      'SELECT * FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT ?',
      [Math.max(1, limit)],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      startedAt: Number(r.started_at),
      ...(r.finished_at === null ? {} : { finishedAt: Number(r.finished_at) }),
      status: r.status,
      stats: readJson<Record<string, unknown>>(r.stats) ?? {},
      ...(r.error === null ? {} : { error: r.error }),
    }));
  }
}

export function toDeadLetter(r: DeadLetterRow): DeadLetter {
  return {
    id: Number(r.id),
    source: r.source,
    kind: r.kind,
    payload: readJson(r.payload),
    reason: r.reason,
    attempts: Number(r.attempts),
    history: readJson<{ at: number; error: string }[]>(r.history) ?? [],
    createdAt: Number(r.created_at),
  };
}
