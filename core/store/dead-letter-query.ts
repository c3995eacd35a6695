import type { SqlExecutor } from './sql-db.js';
import type { DeadLetter } from './storage.js';
import { toDeadLetter, type DeadLetterRow } from './sync-record-repo.js';

/** What the desk filters dead letters by (times in epoch ms; `text` already trimmed). */
export interface DeadLetterCriteria {
  source?: string;
  kind?: string;
  fromMs?: number;
  toMs?: number;
  text?: string;
  /** Only these sources (the retryable ones, for retry-all). */
  sources?: readonly string[];
}

// Arabic yeh/kaf as Persian, on both sides of the comparison: Mahak's messages use either.
const arabicToPersian: [string, string][] = [
  ['\u064a', '\u06cc'],
  ['\u0643', '\u06a9'],
];
const normalisedSql = (expr: string) =>
  arabicToPersian.reduce((sql, [from, to]) => `REPLACE(${sql}, '${from}', '${to}')`, `LOWER(${expr})`);

/** The needle of a LIKE: lower-cased, Persian letters, with %, _ and \ taken literally. */
export function likePattern(text: string): string {
  const normal = arabicToPersian.reduce((s, [from, to]) => s.split(from).join(to), text.toLowerCase());
  return `%${normal.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const and = (where: string, clause: string) => (where ? `${where} AND ${clause}` : `WHERE ${clause}`);

function whereOf(c: DeadLetterCriteria): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (c.source !== undefined) add('source = ?', c.source);
  if (c.kind !== undefined) add('kind = ?', c.kind);
  if (c.fromMs !== undefined) add('created_at >= ?', c.fromMs);
  if (c.toMs !== undefined) add('created_at < ?', c.toMs);
  if (c.sources) add(`source IN (${c.sources.map(() => '?').join(', ') || 'NULL'})`, ...c.sources);
  if (c.text) {
    const like = likePattern(c.text);
    add(
      `(${normalisedSql('reason')} LIKE ? ESCAPE '\\' OR ${normalisedSql('CAST(history AS TEXT)')} LIKE ? ESCAPE '\\')`,
      like,
      like,
    );
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * One page and how many match in all: newest first by offset, or oldest first after `afterId`
 * (a cursor walk for scripts).
 */
export async function findDeadLetters(
  db: SqlExecutor,
  criteria: DeadLetterCriteria,
  page: { limit: number; offset: number; afterId?: number },
): Promise<{ items: DeadLetter[]; total: number }> {
  const where = whereOf(criteria);
  const cursor = page.afterId !== undefined;
  const sql = cursor
    ? `SELECT * FROM dead_letters ${and(where.sql, 'id > ?')} ORDER BY id LIMIT ?`
    : `SELECT * FROM dead_letters ${where.sql} ORDER BY id DESC LIMIT ? OFFSET ?`;
  const params = cursor
    ? [...where.params, page.afterId, page.limit]
    : [...where.params, page.limit, page.offset];
  const [rows, total] = await Promise.all([
    db.query<DeadLetterRow>(sql, params),
    countDeadLetters(db, criteria),
  ]);
  return { items: rows.map(toDeadLetter), total };
}

/** Ids matching, oldest first, after `afterId` (keyset paging for bulk work). */
export async function deadLetterIds(
  db: SqlExecutor,
  criteria: DeadLetterCriteria,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const where = whereOf(criteria);
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM dead_letters ${and(where.sql, 'id > ?')} ORDER BY id LIMIT ?`,
    [...where.params, afterId, limit],
  );
  return rows.map((r) => Number(r.id));
}

export async function countDeadLetters(db: SqlExecutor, criteria: DeadLetterCriteria): Promise<number> {
  const where = whereOf(criteria);
  const rows = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM dead_letters ${where.sql}`,
    where.params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Every letter by source and kind: the filter's choices, with counts. */
export async function deadLetterGroups(
  db: SqlExecutor,
): Promise<{ source: string; kind: string; count: number }[]> {
  const rows = await db.query<{ source: string; kind: string; n: number }>(
    'SELECT source, kind, COUNT(*) AS n FROM dead_letters GROUP BY source, kind ORDER BY source, kind',
  );
  return rows.map((r) => ({ source: String(r.source), kind: String(r.kind), count: Number(r.n) }));
}
