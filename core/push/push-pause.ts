import { pauseText, type PauseFacts } from '../domain/push-pause-text.js';
import type { PushPause } from '../contracts/admin-sync.js';
import { isHamgamError } from '../errors.js';
import type { SqlDb, SqlExecutor } from '../store/sql-db.js';
import { wakeWaitingOrders } from './outbox-record.js';

/**
 * "Pushing is paused" as a state, not only a failed run (push-choices.ts): the worker records the
 * CONFIG_INVALID that stopped it under push_settings 'paused' and clears it once the choices resolve,
 * so the status API (and the desk's banner) can say which key to fix, where, since when.
 */
const KEY = 'paused';

/** The pause facts of a choice error (CONFIG_INVALID with one {key, env, problem}), else undefined. */
export function pauseOf(e: unknown): PauseFacts | undefined {
  if (!isHamgamError(e) || e.code !== 'CONFIG_INVALID' || !Array.isArray(e.details)) return undefined;
  const d = e.details[0] as { key?: unknown; env?: unknown; problem?: unknown } | undefined;
  if (typeof d?.key !== 'string' || typeof d.env !== 'string' || typeof d.problem !== 'string')
    return undefined;
  return {
    key: d.key,
    env: d.env,
    problem: d.problem,
    message: e.message.replace(/^Pushing is paused: /, ''),
  };
}

/** Keeps the first `since` while the same key stays broken (a banner's age means something). */
export async function recordPause(db: SqlExecutor, facts: PauseFacts, now: number): Promise<void> {
  const was = await readPauseRow(db);
  const since = was && was.facts.key === facts.key ? was.since : now;
  await db.run(
    'INSERT INTO push_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE ' +
      'SET value = excluded.value, updated_at = excluded.updated_at',
    [KEY, JSON.stringify({ ...facts, since }), now],
  );
}

export async function clearPause(db: SqlExecutor): Promise<void> {
  await db.run('DELETE FROM push_settings WHERE key = ?', [KEY]);
}

/** The bank for cheques pauses paid orders only (push-round.ts); other choices pause the whole push. */
export const isBankPause = (f: Pick<PauseFacts, 'key'>): boolean =>
  f.key === 'mahakBankId' || f.key === 'mahakBankCode';

/** The facts of the recorded pause, if any. */
export async function currentPause(db: SqlExecutor): Promise<PauseFacts | undefined> {
  return (await readPauseRow(db))?.facts;
}

/**
 * The cause is fixed: the pause is over. Paid orders held for a bank wait with a later due time
 * (push-round.ts): they are woken so they go now, not a minute later. True when a pause ended.
 */
export async function endPause(db: SqlDb, now: number): Promise<boolean> {
  const was = await readPauseRow(db);
  if (!was) return false;
  await db.transaction(async (tx) => {
    await clearPause(tx);
    if (isBankPause(was.facts)) await wakeWaitingOrders(tx, now);
  });
  return true;
}

/** The pause as the status API shows it; null while pushing runs. */
export async function readPause(db: SqlExecutor): Promise<PushPause | null> {
  const row = await readPauseRow(db);
  if (!row) return null;
  const text = pauseText(row.facts);
  return {
    key: row.facts.key,
    env: row.facts.env,
    problem: row.facts.problem,
    since: new Date(row.since).toISOString(),
    holds: isBankPause(row.facts) ? 'paid_online' : 'all',
    ...text,
  };
}

async function readPauseRow(db: SqlExecutor): Promise<{ facts: PauseFacts; since: number } | undefined> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM push_settings WHERE key = ?', [KEY]);
  if (!row) return undefined;
  try {
    const v = JSON.parse(row.value) as PauseFacts & { since: number };
    const facts: PauseFacts = { key: v.key, env: v.env, problem: v.problem, message: v.message };
    if (v.locked !== undefined) facts.locked = v.locked;
    return { facts, since: v.since };
  } catch {
    return undefined;
  }
}
