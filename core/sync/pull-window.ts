import type { PulledEntityName } from '../contracts/mahak-wire.js';
import { readJson } from '../store/sql-values.js';
import type { Storage } from '../store/storage.js';

/**
 * The re-read window of a pull, in time (ARCHITECTURE.md invariant 1). Mahak's RowVersion is one
 * database-wide counter: a row written inside a long transaction takes its RowVersion when written and
 * becomes visible when committed, maybe after rows with far higher RowVersions were pulled. A window
 * counted in RowVersions says nothing about time (a busy desktop burns tens of thousands between two
 * rows we see), so a pull re-reads from where each checkpoint stood `ms` before the previous successful
 * pull began.
 *
 * Why that catches any transaction shorter than `ms`: let row R be written at t_w (taking RowVersion r)
 * and committed at t_c < t_w + ms. No row with a RowVersion >= r existed before t_w, so every
 * checkpoint recorded before t_w is below r. Take the first successful pull P that starts at or after
 * t_c; the successful pull before it started at some t_p < t_c < t_w + ms, so P starts from the
 * checkpoint as it stood at t_p - ms < t_w: below r. P reads R. Measuring from the previous pull
 * rather than from now also covers a long pause (Mahak down, the machine off) between pulls.
 */
export interface PullWindow {
  /** How far back in time the re-read reaches (HAMGAM_PULL_WINDOW_MINUTES); 0 = no window. */
  ms: number;
  /** Start of the previous successful pull (epoch ms); now when there was none. */
  from: number;
}

/** Where each entity's run starts: its checkpoint as it stood `ms` before `from`, never above today's. */
export async function windowStarts(
  storage: Storage,
  checkpoints: Partial<Record<PulledEntityName, number>>,
  window?: PullWindow,
): Promise<Partial<Record<PulledEntityName, number>>> {
  if (!window || window.ms <= 0) return checkpoints;
  const then = await storage.checkpointsAsOf(window.from - window.ms);
  const out: Partial<Record<PulledEntityName, number>> = {};
  for (const [entity, now] of Object.entries(checkpoints) as [PulledEntityName, number][]) {
    out[entity] = Math.min(now, then[entity] ?? 0);
  }
  return out;
}

/**
 * The start of the last successful pull of every entity before `now`, the window's reference; `now`
 * when none. A pull of some entities only (stats.entities, "sync now" for one entity) does not count.
 */
export async function previousPullStart(storage: Storage, now: number): Promise<number> {
  const rows = await storage.db.query<{ started_at: number; stats: unknown }>(
    "SELECT started_at, stats FROM sync_runs WHERE kind = 'pull' AND status = 'ok' AND started_at < ? " +
      'ORDER BY started_at DESC LIMIT 50',
    [now],
  );
  const full = rows.find((r) => readJson<{ entities?: unknown } | null>(r.stats)?.entities === undefined);
  return full === undefined ? now : Number(full.started_at);
}
