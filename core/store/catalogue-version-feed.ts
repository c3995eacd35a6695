import type { Logger } from '../logging/logger.js';
import type { ListenHandlers, SqlDb } from './sql-db.js';
import { catalogueChannel } from './storefront-read-sql.js';

export interface CatalogueVersion {
  version: number;
  changedAt: number;
}

type ListeningDb = SqlDb & Required<Pick<SqlDb, 'subscribe' | 'writeCommits'>>;

/** A database that can tell the storefront of version changes (PostgreSQL, migration 021). */
export function canFeed(db: SqlDb): db is ListeningDb {
  return db.subscribe !== undefined && db.writeCommits !== undefined;
}

/**
 * The catalogue version kept from PostgreSQL's notifications (migration 021), so a cached storefront
 * page needs no round trip. known() answers only when that is as good as a read made now:
 *
 * - The listening connection is up and, since it last (re)connected, one read came after its LISTEN:
 *   every commit from then on is heard, every one before it was read. Between a loss and that read
 *   (start-up, a restart of PostgreSQL, a killed connection) known() says nothing and the caller reads.
 * - No write this process committed since the last read started (writeCommits): the pull in this
 *   process, a checkout. Its notification may still be on the way, so the next request reads and sees
 *   it at once. A process that writes all the time therefore reads all the time, as before.
 * - Never older than a notification already heard: the version only rises while one connection lasts.
 *   After a loss it starts again from a read (a restored database may have gone back).
 *
 * A change committed by another process shows once its notification arrives: after the commit by the
 * time PostgreSQL takes to deliver it (well under a millisecond on a quiet server; test/store/
 * catalogue-version-feed.test.ts bounds it at 2 s under load).
 */
export class CatalogueVersionFeed {
  private started = false;
  /** Bumped at each loss: a read begun before one does not make the feed trusted. */
  private generation = 0;
  /** LISTEN is in effect on the current connection. */
  private listening = false;
  /** ... and a read began after it: notifications can be trusted. */
  private live = false;
  private latest: CatalogueVersion | undefined;
  /** writeCommits() when the newest read merged so far started. */
  private readAtWrites = -1;

  constructor(
    private readonly db: ListeningDb,
    private readonly readState: () => Promise<CatalogueVersion>,
    private readonly logger: Logger,
  ) {}

  /** The current version without a round trip, or undefined: then read (read()). Starts listening. */
  known(): CatalogueVersion | undefined {
    if (!this.started) this.start();
    if (!this.live || this.readAtWrites !== this.db.writeCommits()) return undefined;
    return this.latest;
  }

  /** A read from the database, merged with what was heard (so never older than a notification). */
  async read(): Promise<CatalogueVersion> {
    const writes = this.db.writeCommits();
    const generation = this.generation;
    const afterListen = this.listening;
    const state = await this.readState();
    if (generation !== this.generation) return state;
    this.merge(state);
    this.readAtWrites = Math.max(this.readAtWrites, writes);
    if (afterListen) this.live = true;
    return this.latest ?? state;
  }

  private start(): void {
    this.started = true;
    const handlers: ListenHandlers = {
      onMessage: (payload) => this.heard(payload),
      onListening: () => {
        this.listening = true;
        void this.read().catch((e: unknown) => {
          // Not trusted yet: the storefront's own reads go on, and the first that succeeds trusts it.
          this.logger.warn({ err: (e as Error).message }, 'catalogue version not read after LISTEN');
        });
      },
      onLost: () => {
        this.generation++;
        this.listening = false;
        this.live = false;
        this.latest = undefined;
      },
    };
    this.db.subscribe(catalogueChannel, handlers);
  }

  private heard(payload: string): void {
    const [version, changedAt] = payload.split(' ').map(Number);
    if (!Number.isSafeInteger(version) || !Number.isSafeInteger(changedAt)) return;
    this.merge({ version, changedAt });
  }

  private merge(state: CatalogueVersion): void {
    if (this.latest === undefined || state.version > this.latest.version) this.latest = state;
  }
}
