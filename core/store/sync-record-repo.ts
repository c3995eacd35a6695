import { createHash } from 'node:crypto';
import { pulledEntities, type PulledEntityName } from '../contracts/mahak-wire.js';
import type { SqlExecutor } from './sql-db.js';
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

/**
 * The identity of a quarantined pulled record: entity, server id and RowVersion. The same bad record
 * re-read in every window is one letter; Mahak fixing it gives a new RowVersion, hence a new letter if
 * it is still bad. A record without a readable id is known by its content.
 */
export function quarantineKey(entity: string, payload: unknown): string {
  const idField = pulledEntities[entity as PulledEntityName]?.idField;
  const value = (name: string | undefined) => {
    if (!name || typeof payload !== 'object' || payload === null) return undefined;
    const hit = Object.entries(payload).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return hit === undefined ? undefined : String(hit[1]);
  };
  const id = value(idField);
  const rv = value('RowVersion');
  if (id !== undefined && rv !== undefined) return `pull:${entity}:${id}:${rv}`;
  const digest = createHash('sha256')
    .update(JSON.stringify(payload) ?? 'undefined')
    .digest('hex');
  return `pull:${entity}:sha256:${digest.slice(0, 32)}`;
}

/** Dead letters (invariant 6) and the run history, on any SqlExecutor (a transaction too). */
export class SyncRecordRepo {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Returns the letter's id. With a dedupeKey a letter already held (or discarded by staff, see the
   * tombstones) is not added again; the id of the one held is returned (0 for a discarded one).
   */
  async addDeadLetter(letter: NewDeadLetter): Promise<number> {
    const key = letter.dedupeKey ?? null;
    if (key !== null) {
      const gone = await this.db.query('SELECT 1 AS x FROM dead_letter_tombstones WHERE dedupe_key = ?', [
        key,
      ]);
      if (gone.length > 0) return 0;
    }
    const rows = await this.db.query<{ id: number }>(
      `INSERT INTO dead_letters (source, kind, payload, reason, attempts, history, created_at, dedupe_key) ` +
        `VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        letter.source,
        letter.kind,
        jsonParam(letter.payload ?? null),
        letter.reason,
        letter.attempts,
        jsonParam(letter.history ?? []),
        Date.now(),
        key,
      ],
    );
    if (rows[0]) return Number(rows[0].id);
    const held = await this.db.query<{ id: number }>('SELECT id FROM dead_letters WHERE dedupe_key = ?', [
      key,
    ]);
    return held[0] ? Number(held[0].id) : 0;
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

  /** A letter with a dedupe key leaves a tombstone: the same record or message is not a new letter later. */
  async deleteDeadLetter(id: number): Promise<boolean> {
    await this.db.run(
      'INSERT INTO dead_letter_tombstones (dedupe_key, at) SELECT dedupe_key, ? FROM dead_letters ' +
        'WHERE id = ? AND dedupe_key IS NOT NULL ON CONFLICT (dedupe_key) DO NOTHING',
      [Date.now(), id],
    );
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
