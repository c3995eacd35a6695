import type { SqlExecutor } from './sql-db.js';

/** What identifies a pulled page and places it in its entity's chain (pull_pages, migration 013). */
export interface PageRef {
  runId: string;
  entity: string;
  seq: number;
  /** The entity's previous page in the run; -1 for its first; undefined from an older build. */
  prevSeq?: number;
  /** The checkpoint that is safe once this page and all before it are settled. */
  checkpoint: number;
}

/** Hops per call; a run has far fewer pages per entity than this, it only bounds a corrupt chain. */
const maxHops = 100_000;

/**
 * Invariant 2 with failures in the way: an entity's pages of one run form a chain (prev_seq). The
 * frontier is the last page of the unbroken run of settled (applied or discarded) pages from the
 * chain's start; the checkpoint may move to the frontier page's checkpoint and no further. A page
 * waiting for a retry or dead-lettered breaks the chain; when it is applied or discarded later, the
 * frontier runs on over the pages already applied behind it. Returns the checkpoint the frontier
 * reached when it moved, undefined when it did not.
 */
export async function advanceFrontier(
  tx: SqlExecutor,
  page: PageRef,
  now: number,
): Promise<number | undefined> {
  const [frontier] = await tx.query<{ seq: number }>(
    'SELECT seq FROM pull_frontiers WHERE run_id = ? AND entity = ?',
    [page.runId, page.entity],
  );
  let at = frontier === undefined ? -1 : Number(frontier.seq);
  let reached: number | undefined;
  let moved = false;
  for (let hop = 0; hop < maxHops; hop++) {
    const [next] = await tx.query<{ seq: number; checkpoint: number | null }>(
      `SELECT seq, checkpoint FROM pull_pages WHERE run_id = ? AND entity = ? AND prev_seq = ? ` +
        `AND state IN ('applied', 'discarded')`,
      [page.runId, page.entity, at],
    );
    if (!next) break;
    moved = true;
    at = Number(next.seq);
    if (next.checkpoint !== null) reached = Math.max(reached ?? 0, Number(next.checkpoint));
  }
  if (!moved) return undefined;
  await tx.run(
    `INSERT INTO pull_frontiers AS t (run_id, entity, seq, updated_at) VALUES (?, ?, ?, ?) ` +
      `ON CONFLICT (run_id, entity) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
    [page.runId, page.entity, at, now],
  );
  return reached;
}

/** Pages of a run the queue gave up on and staff have not settled yet, per entity (for the run's verdict). */
export async function deadPages(
  db: SqlExecutor,
  runId: string,
): Promise<{ entity: string; seq: number; checkpoint: number | null }[]> {
  const rows = await db.query<{ entity: string; seq: number; checkpoint: number | null }>(
    "SELECT entity, seq, checkpoint FROM pull_pages WHERE run_id = ? AND state = 'dead' ORDER BY seq",
    [runId],
  );
  return rows.map((r) => ({
    entity: r.entity,
    seq: Number(r.seq),
    checkpoint: r.checkpoint === null ? null : Number(r.checkpoint),
  }));
}
