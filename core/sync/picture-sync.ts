import { createHash } from 'node:crypto';
import type { BlobStore } from '../blob/blob-store.js';
import { contentKey } from '../blob/content-key.js';
import { isHamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { PictureRepo, type PendingPicture } from '../store/picture-repo.js';
import type { Storage } from '../store/storage.js';
import { runBounded } from './bounded-pool.js';
import { pictureContentType } from './picture-content-type.js';
import type { SyncEvents } from './sync-events.js';

/** Where picture bytes come from: MahakClient.downloadPicture (server-relative Url, API.md §1.1). */
export interface PictureSource {
  downloadPicture(url: string): Promise<{ bytes: Buffer; contentType: string }>;
}

export interface PictureSyncDeps {
  storage: Storage;
  blobs: BlobStore;
  source: PictureSource;
  logger: Logger;
  /** Downloads in flight at once (default 4): Mahak's image host is the shop's own server. */
  concurrency?: number;
  /** Failed runs of one RowVersion before it goes to the dead letters (default 3). */
  maxAttempts?: number;
  /** Pictures read from the store per batch (default 200): memory stays flat with any catalogue. */
  batchSize?: number;
  /** The desk's "no pictures" opt-out, read at each run: false = nothing is downloaded. */
  enabled?: () => boolean;
}

/** Counts of one picture sync, kept in the pull run's stats under `pictures`. */
export interface PictureSyncStats {
  /** Fetched from Mahak and recorded. */
  downloaded: number;
  /** Of those, bytes new to the blob store. */
  stored: number;
  /** Of those, bytes the blob store already had (content-addressed: never stored twice). */
  alreadyStored: number;
  /** Downloads that failed this run (retried next run). */
  failed: number;
  /** Failed for the last allowed time (or cannot ever succeed): handed to the dead letters. */
  deadLettered: number;
  /** Downloaded, but a newer pull changed the row meanwhile: the next run fetches the newer version. */
  superseded: number;
  /** Set when the sync stopped early (blob store or database down, Mahak's breaker open). */
  error?: string;
  /** The shop opted out of Mahak's pictures (desk settings): nothing was fetched. */
  skipped?: boolean;
}

/** What the pull run calls after the pull's pages are applied (sync-engine.ts wiring). */
export interface PictureSyncRunner {
  run(context: { runId: string; events: SyncEvents; logger?: Logger }): Promise<PictureSyncStats>;
}

type Outcome = 'stored' | 'alreadyStored' | 'superseded' | 'failed' | 'deadLettered';

/**
 * Downloads the pictures a pull added or changed into the BlobStore. An unchanged picture row
 * (downloaded_row_version = row_version) is never fetched again; a changed row whose bytes are identical
 * is fetched but lands on the same content key and is not stored twice. A download failure is counted per
 * RowVersion and retried on the next run; after maxAttempts it goes to the dead letters (invariant 6).
 * Infrastructure failures (blob store, database, Mahak breaker open) stop the sync without counting
 * against any picture: they are not the picture's fault.
 */
export class PictureSync implements PictureSyncRunner {
  private readonly repo: PictureRepo;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly batchSize: number;

  constructor(private readonly deps: PictureSyncDeps) {
    this.repo = new PictureRepo(deps.storage.db);
    this.concurrency = deps.concurrency ?? 4;
    this.maxAttempts = deps.maxAttempts ?? 3;
    this.batchSize = deps.batchSize ?? 200;
  }

  async run(context: { runId: string; events: SyncEvents; logger?: Logger }): Promise<PictureSyncStats> {
    const log = (context.logger ?? this.deps.logger).child({ component: 'pictures' });
    const stats: PictureSyncStats = {
      downloaded: 0,
      stored: 0,
      alreadyStored: 0,
      failed: 0,
      deadLettered: 0,
      superseded: 0,
    };
    if (this.deps.enabled && !this.deps.enabled()) {
      // Left pending, not failed: switching pictures back on downloads them on the next run.
      context.events.emit({ type: 'pictures-progress', runId: context.runId, done: true, ...stats });
      return { ...stats, skipped: true };
    }
    try {
      // Keyset paging by id: a picture that fails stays pending but is not met twice in one run.
      for (let afterId = 0; ;) {
        const batch = await this.repo.listPending(afterId, this.batchSize);
        if (batch.length === 0) break;
        afterId = batch[batch.length - 1].id;
        await runBounded(batch, this.concurrency, async (p) => count(stats, await this.syncOne(p, log)));
        context.events.emit({ type: 'pictures-progress', runId: context.runId, done: false, ...stats });
      }
    } catch (e) {
      stats.error = (e as Error).message;
      log.error({ err: e }, 'picture sync stopped early; the rest is retried next run');
    }
    context.events.emit({ type: 'pictures-progress', runId: context.runId, done: true, ...stats });
    if (stats.downloaded + stats.failed > 0) log.info({ ...stats }, 'pictures synced');
    return stats;
  }

  /** One picture. Throws only for infrastructure failures (which stop the whole sync). */
  private async syncOne(p: PendingPicture, log: Logger): Promise<Outcome> {
    if (!p.url) return this.fail(p, 'Mahak sent this picture without a Url', log, true);
    let fetched: { bytes: Buffer; contentType: string };
    try {
      fetched = await this.deps.source.downloadPicture(p.url);
    } catch (e) {
      if (isBreakerOpen(e)) throw e;
      return this.fail(p, (e as Error).message, log, false);
    }
    if (fetched.bytes.length === 0) return this.fail(p, 'Mahak sent an empty picture', log, false);
    const contentType = pictureContentType(fetched.bytes, fetched.contentType, p.fileName ?? p.url);
    const blobKey = contentKey(fetched.bytes, contentType);
    const had = await this.deps.blobs.has(blobKey);
    if (!had) await this.deps.blobs.put(blobKey, fetched.bytes, contentType);
    const contentHash = createHash('sha256').update(fetched.bytes).digest('hex');
    const recorded = await this.repo.markDownloaded(p.id, p.rowVersion, {
      blobKey,
      contentHash,
      contentType,
    });
    if (!recorded) return 'superseded';
    return had ? 'alreadyStored' : 'stored';
  }

  /** Counts a failure of this RowVersion; the last allowed one (or a hopeless one) goes to the dead letters. */
  private async fail(p: PendingPicture, error: string, log: Logger, hopeless: boolean): Promise<Outcome> {
    const attempts = p.attempts + 1;
    const history = [...p.history, { at: Date.now(), error }];
    const giveUp = hopeless || attempts >= this.maxAttempts;
    const { storage } = this.deps;
    // Dead letter and the "given up" mark commit together: a crash cannot lose one or repeat the other.
    await storage.db.transaction(async () => {
      if (giveUp) {
        await storage.addDeadLetter({
          source: 'pictures',
          kind: 'Picture',
          payload: { pictureId: p.id, rowVersion: p.rowVersion, url: p.url, fileName: p.fileName },
          reason: error,
          attempts,
          history,
        });
      }
      await this.repo.recordFailure(p.id, p.rowVersion, attempts, history, giveUp);
    });
    log.warn(
      { pictureId: p.id, rowVersion: p.rowVersion, attempts, deadLettered: giveUp, error },
      'picture download failed',
    );
    return giveUp ? 'deadLettered' : 'failed';
  }
}

function count(stats: PictureSyncStats, outcome: Outcome): void {
  if (outcome === 'stored' || outcome === 'alreadyStored') stats.downloaded++;
  if (outcome === 'deadLettered') stats.failed++;
  stats[outcome]++;
}

/** Mahak is down as a whole (mahak-resilience.ts): the pictures are not to blame. */
function isBreakerOpen(e: unknown): boolean {
  return (
    isHamgamError(e) &&
    e.code === 'MAHAK_UNAVAILABLE' &&
    (e.details as { breaker?: string } | undefined)?.breaker === 'open'
  );
}
