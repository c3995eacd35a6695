import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import type { CatalogRepo } from '../../core/store/catalog-repo.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { bumpStatement } from '../../core/store/storefront-read-sql.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { loadCatalog } from './persian-catalog.js';

/**
 * The catalogue version on PostgreSQL kept from NOTIFY (migration 021, catalogue-version-feed.ts):
 * another process's change shows within a bounded time with no read per request; a change of this
 * process shows at the very next call; while the listening connection is down every call reads, and
 * after it reconnects the feed is trusted again only once a read followed its LISTEN.
 */
const scope = { priceLevel: 1, storeId: undefined };
/** Notification latency allowed here: the machine runs other test suites at the same time. */
const boundMs = 2_000;

async function until<T>(what: string, probe: () => T | undefined, withinMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - start > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.skipIf(!hasPostgres)('catalogue version from PostgreSQL notifications', () => {
  let db: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let catalog: CatalogRepo;
  let other: pg.Client;
  const known = () => catalog.knownCatalogueState?.(scope);
  const stored = async () =>
    Number((await other.query('SELECT version FROM storefront_state WHERE id = 1')).rows[0].version);
  /** A commit by another process (here: another connection), as a pull in `hamgam sync` makes one. */
  const bumpElsewhere = async () => {
    await other.query(bumpStatement('postgres'));
    return stored();
  };
  const live = () => until('feed trusted', () => known());

  beforeAll(async () => {
    db = await createTestPgDatabase();
    storage = createStorage(db.url, createSilentLogger());
    await storage.init();
    await loadCatalog(storage);
    catalog = storage.catalog;
    await catalog.prepareScope(scope);
    other = new pg.Client({ connectionString: db.url });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await storage?.close();
    await db?.drop();
  });

  it('shows another connection’s commit within the bound, without reading', async () => {
    expect((await live()).version).toBe(await stored());
    for (let i = 0; i < 5; i++) {
      const committed = Date.now();
      const version = await bumpElsewhere();
      const seen = await until('notified version', () =>
        known()?.version === version ? Date.now() : undefined,
      );
      expect(seen - committed).toBeLessThan(boundMs);
      expect(known()?.changedAt).toBeGreaterThan(0);
    }
  });

  it('shows this process’s commit at the next call, with no wait', async () => {
    await live();
    for (const write of [
      () => storage.db.run(bumpStatement('postgres')),
      () => storage.db.transaction((tx) => tx.run(bumpStatement('postgres'))),
    ]) {
      await write();
      const version = await stored();
      // Its notification may still be on the way: the feed does not vouch, a read answers.
      expect(known()).toBeUndefined();
      expect((await catalog.catalogueState(scope)).version).toBe(version);
      expect(known()?.version).toBe(version);
    }
  });

  it('reads while the listening connection is down and trusts it again after a read that followed LISTEN', async () => {
    await live();
    const killed = await other.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() ` +
        `AND application_name = 'hamgam-listen'`,
    );
    expect(killed.rowCount).toBe(1);
    await until('feed distrusted', () => (known() === undefined ? true : undefined));
    // Whatever the reconnection is doing, a read always gives what is committed.
    const version = await bumpElsewhere();
    expect((await catalog.catalogueState(scope)).version).toBe(version);
    // Reconnected (its own read after LISTEN), and then following notifications again.
    expect((await live()).version).toBe(version);
    const next = await bumpElsewhere();
    await until('notified after reconnect', () => (known()?.version === next ? true : undefined), boundMs);
  });
});
