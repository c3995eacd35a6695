import type { Storage } from '../store/storage.js';
import type { SyncEvents } from './sync-events.js';

/**
 * How many pages of a run are settled (applied, dead-lettered or discarded), for the fetcher's
 * backpressure and the run's end. The consumer in this process reports each page it applies (an
 * event, after the commit), so a page costs nothing to count; the database is asked (a COUNT of the
 * run's page markers, which grows with the run) only after a wait with no report: a consumer in
 * another process, or a page the queue dead-lettered. Both are lower bounds of the truth (a page
 * reported was committed; a count only grows), so the higher of the two is one too.
 */
export class SettledPages {
  private readonly reported = new Set<number>();
  private counted = 0;
  private readonly wakers = new Set<() => void>();
  private readonly off: () => void;

  constructor(
    private readonly storage: Pick<Storage, 'countAppliedPages'>,
    events: SyncEvents,
    private readonly runId: string,
  ) {
    this.off = events.on((e) => {
      if (e.type !== 'page-applied' || e.runId !== runId) return;
      this.reported.add(e.seq);
      for (const wake of this.wakers) wake();
    });
  }

  get count(): number {
    return Math.max(this.reported.size, this.counted);
  }

  /** Asks the database now. */
  async recount(): Promise<number> {
    this.counted = Math.max(this.counted, await this.storage.countAppliedPages(this.runId));
    return this.count;
  }

  /**
   * Resolves when a page of the run is reported applied in this process, or after `pollMs`; a wait
   * that saw no report re-counts in the database, so a consumer elsewhere is still noticed.
   */
  async next(pollMs = 100): Promise<number> {
    const before = this.reported.size;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.wakers.add(done);
    });
    if (this.reported.size === before) await this.recount();
    return this.count;
  }

  close(): void {
    this.off();
    for (const wake of this.wakers) wake();
  }
}
