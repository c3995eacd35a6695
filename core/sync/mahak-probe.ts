import type { SyncEntity } from '../contracts/admin-sync.js';
import { pulledEntities } from '../contracts/mahak-wire.js';
import { isHamgamError } from '../errors.js';
import type { PullSource } from './pull-fetcher.js';
import type { JournalError } from './run-journal-repo.js';

export interface ProbeResult {
  at: number;
  /** Per entity with a checkpoint: whether Mahak holds rows above it. */
  newer: Map<SyncEntity, boolean>;
  error: JournalError | null;
}

/**
 * "Is Mahak ahead of us?" for the status screen: one GetAllData from each checkpoint with a tiny page,
 * so it costs one small round trip (entities never pulled are not asked: from 0 would be the whole
 * catalogue). Cached for `ttlMs` per set of checkpoints, failures too, so a dashboard polling every
 * few seconds does not hammer Mahak; one probe at a time.
 *
 * A status request waits at most `waitMs` for the probe: a slow or failing Mahak (timeouts of 30 s,
 * retried with back-off) would otherwise hold GET /admin/api/sync/status for minutes, and the dashboard
 * would show a spinner instead of the shop's state exactly when Mahak is in trouble. Past the wait the
 * answer is the last probe of the same checkpoints (stale, its `at` says when) or none; the probe goes on
 * and fills the cache for the next request.
 */
export class MahakProbe {
  private cached?: { key: string; result: ProbeResult };
  private inFlight?: Promise<ProbeResult>;

  constructor(
    private readonly source: PullSource,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
    private readonly waitMs = 3_000,
  ) {}

  async check(checkpoints: ReadonlyMap<SyncEntity, number>): Promise<ProbeResult | undefined> {
    const asked = [...checkpoints].filter(([, v]) => v > 0);
    const key = JSON.stringify(asked);
    const hit = this.cached?.key === key ? this.cached.result : undefined;
    if (hit && this.now() - hit.at < this.ttlMs) return hit;
    return within(this.probe(key, asked), this.waitMs, hit);
  }

  private probe(key: string, asked: [SyncEntity, number][]): Promise<ProbeResult> {
    this.inFlight ??= this.ask(asked)
      .then((result) => {
        this.cached = { key, result };
        return result;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async ask(asked: [SyncEntity, number][]): Promise<ProbeResult> {
    const at = this.now();
    if (asked.length === 0) return { at, newer: new Map(), error: null };
    try {
      const res = await this.source.getAllData({
        cursors: Object.fromEntries(asked.map(([e, v]) => [pulledEntities[e].collection, v])),
        pageSize: 5,
      });
      // Whether Mahak filters with > or >= is unknown (API.md §6): only a RowVersion above ours is news.
      const newer = new Map(
        asked.map(([e, checkpoint]) => {
          const rows = res.records[pulledEntities[e].collection] ?? [];
          return [e, rows.some((r) => Number(r.RowVersion) > checkpoint)] as const;
        }),
      );
      return { at, newer, error: null };
    } catch (e) {
      const error = {
        code: isHamgamError(e) ? e.code : null,
        message: (e as Error).message,
        details: isHamgamError(e) ? e.details : undefined,
      };
      return { at, newer: new Map(), error };
    }
  }
}

/** The promise's value if it settles within `ms`, else `fallback` (the promise keeps going). */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<F>((done) => {
    timer = setTimeout(() => done(fallback), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
