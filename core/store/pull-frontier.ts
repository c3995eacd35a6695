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
  // The walk is one recursive statement (it was a query per hop): a round trip per page and hop saved,
  // which counted once pages of several entities commit side by side (pull-consumer.ts).
  const [walked] = await tx.query<{ at: number | null; reached: number | null }>(
    `WITH RECURSIVE walk (seq, checkpoint, hop) AS (` +
      `SELECT p.seq, p.checkpoint, 1 FROM pull_pages p WHERE p.run_id = ? AND p.entity = ? ` +
      `AND p.state IN ('applied', 'discarded') AND p.prev_seq = ` +
      `COALESCE((SELECT f.seq FROM pull_frontiers f WHERE f.run_id = ? AND f.entity = ?), -1) ` +
      `UNION ALL SELECT p.seq, p.checkpoint, w.hop + 1 FROM walk w JOIN pull_pages p ON p.run_id = ? ` +
      `AND p.entity = ? AND p.prev_seq = w.seq AND p.state IN ('applied', 'discarded') WHERE w.hop < ${maxHops}) ` +
      `SELECT (SELECT seq FROM walk ORDER BY hop DESC LIMIT 1) AS at, (SELECT MAX(checkpoint) FROM walk) AS reached`,
    [page.runId, page.entity, page.runId, page.entity, page.runId, page.entity],
  );
  if (walked?.at === null || walked?.at === undefined) return undefined;
  await tx.run(
    `INSERT INTO pull_frontiers AS t (run_id, entity, seq, updated_at) VALUES (?, ?, ?, ?) ` +
      `ON CONFLICT (run_id, entity) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
    [page.runId, page.entity, Number(walked.at), now],
  );
  return walked.reached === null ? undefined : Number(walked.reached);
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
