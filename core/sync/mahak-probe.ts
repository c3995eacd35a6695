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
 */
export class MahakProbe {
  private cached?: { key: string; result: ProbeResult };
  private inFlight?: Promise<ProbeResult>;

  constructor(
    private readonly source: PullSource,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  check(checkpoints: ReadonlyMap<SyncEntity, number>): Promise<ProbeResult> {
    const asked = [...checkpoints].filter(([, v]) => v > 0);
    const key = JSON.stringify(asked);
    const hit = this.cached;
    if (hit && hit.key === key && this.now() - hit.result.at < this.ttlMs) return Promise.resolve(hit.result);
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
