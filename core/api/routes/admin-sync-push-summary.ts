import type { SyncStatus } from '../../contracts/admin-sync.js';
import { outboxSummary } from '../../push/outbox-query.js';
import { readPause } from '../../push/push-pause.js';
import type { SqlExecutor } from '../../store/sql-db.js';
import { listRunRows, runBriefOf } from '../../sync/sync-run-rows.js';

/** The push half of the status screen: outbox by state, open disputes, dead letters, the last push, a pause. */
export async function pushSummary(db: SqlExecutor): Promise<SyncStatus['push']> {
  const outbox = await outboxSummary(db, { limit: 1 });
  const dead = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM dead_letters');
  const [lastRun] = await listRunRows(db, { kind: 'push', limit: 1 });
  return {
    outbox: outbox.counts,
    openDisputes: outbox.openDisputes,
    deadLetters: Number(dead[0]?.n ?? 0),
    lastRun: lastRun ? runBriefOf(lastRun) : null,
    paused: await readPause(db),
  };
}
