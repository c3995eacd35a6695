import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulledEntityName } from '../../core/contracts/mahak-wire.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import { advisoryKeyOf } from '../../core/store/postgres-lock.js';
import type { PullPage, Storage } from '../../core/store/storage.js';
import { storefrontDrift } from '../support/storefront-referee.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { laterRv, persianCatalog } from './persian-catalog.js';

/**
 * On PostgreSQL the pull consumer applies pages of different entities side by side (pull-consumer.ts).
 * What must hold: the same rows, read rows and checkpoints as one page after another; a deferred page
 * does not hold the storefront state row while it writes (else the pages would only take turns); and a
 * deadlock PostgreSQL breaks costs the page nothing but a second try.
 */
type Rec = Record<string, unknown>;
interface Db {
  storage: Storage;
  url: string;
  drop: () => Promise<void>;
}

const tables = [
  'stores',
  'categories',
  'products',
  'variants',
  'visitor_products',
  'stock',
  'pictures',
  'photo_galleries',
  'checkpoints',
  'storefront_products',
  'storefront_counts',
];

async function openDb(): Promise<Db> {
  const database = await createTestPgDatabase();
  const storage = createStorage(database.url, createSilentLogger());
  await storage.init();
  return {
    storage,
    url: database.url,
    drop: async () => (await storage.close(), await database.drop()),
  };
}

/** Every table the pull writes, timestamps reduced to "set or not" (each store has its own clock). */
async function snapshot(storage: Storage): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await storage.db.query<Rec>(`SELECT * FROM ${table}`);
    out[table] = rows
      .map((r) =>
        JSON.stringify(
          Object.entries(r)
            .filter(([k]) => k !== 'id' || table !== 'storefront_counts')
            .map(([k, v]) => [k, k.endsWith('_at') ? v !== null : v]),
        ),
      )
      .sort();
  }
  return out;
}

/** An entity's records cut into chained pages of `size` (prevSeq), seqs unique in the run. */
function chains(
  runId: string,
  catalogue: Partial<Record<PulledEntityName, Rec[]>>,
  size: number,
  defer: boolean,
) {
  let seq = 0;
  const out: PullPage[][] = [];
  for (const [entity, records] of Object.entries(catalogue)) {
    const pages: PullPage[] = [];
    for (let i = 0; i < records.length; i += size) {
      const slice = records.slice(i, i + size);
      pages.push({
        runId,
        seq: seq++,
        prevSeq: pages.at(-1)?.seq ?? -1,
        entity: entity as PulledEntityName,
        records: slice,
        checkpoint: Math.max(...slice.map((r) => Number(r.RowVersion))),
        ...(defer && { deferStorefront: true }),
      });
    }
    out.push(pages);
  }
  return out;
}

/** One product's page, alone in its chain. */
const productPage = (runId: string, product: Rec, defer = false): PullPage =>
  chains(runId, { Products: [product] }, 1, defer)[0][0];

const startRun = (storage: Storage, id: string) =>
  storage.recordRun({ id, kind: 'pull', startedAt: Date.now(), status: 'running', stats: {} });

async function serially(storage: Storage, pages: PullPage[][]): Promise<void> {
  for (const chain of pages) for (const page of chain) await storage.applyPullPage(page);
}

/** One lane per entity, all lanes at once: what the consumer does with prefetch > 1. */
async function sideBySide(storage: Storage, pages: PullPage[][]): Promise<void> {
  await Promise.all(
    pages.map(async (chain) => {
      for (const page of chain) await storage.applyPullPage(page);
    }),
  );
}

/** Desk edits between two pulls: new prices, stock, a product renamed and one deleted. */
function edits(): Partial<Record<PulledEntityName, Rec[]>> {
  const base = persianCatalog();
  const pick = (entity: PulledEntityName, ids: number[], key: string, change: Rec) =>
    base[entity]!.filter((r) => ids.includes(Number(r[key]))).map((r) => ({
      ...r,
      ...change,
      RowVersion: laterRv(),
    }));
  return {
    Products: [
      ...pick('Products', [101, 203], 'ProductId', { Name: 'کفش دویدن نایک' }),
      ...pick('Products', [210], 'ProductId', { Deleted: true }),
    ],
    ProductDetails: pick('ProductDetails', [1011, 2051, 2151], 'ProductDetailId', { Price1: 31_000_000 }),
    ProductDetailStoreAssets: pick('ProductDetailStoreAssets', [3, 206, 207], 'ProductDetailStoreAssetId', {
      Count1: 12,
    }),
    VisitorProducts: pick('VisitorProducts', [4, 220], 'VisitorProductId', { Deleted: true }),
  };
}

describe.skipIf(!hasPostgres)('pull pages of different entities side by side on PostgreSQL', () => {
  let serial: Db;
  let parallel: Db;
  beforeAll(async () => {
    [serial, parallel] = await Promise.all([openDb(), openDb()]);
  }, 60_000);
  afterAll(async () => {
    await serial?.drop();
    await parallel?.drop();
  });

  it('gives the rows, read rows and checkpoints of one page after another, first load and later pulls', async () => {
    const catalogue = persianCatalog();
    for (const db of [serial, parallel]) await startRun(db.storage, 'first');
    await serially(serial.storage, chains('first', catalogue, 4, true));
    await sideBySide(parallel.storage, chains('first', catalogue, 4, true));
    for (const db of [serial, parallel]) {
      expect((await storefrontDrift(db.storage.db)).owed).toBe(true);
      expect(await db.storage.completeStorefrontRows!()).toBe(true);
      expect(await storefrontDrift(db.storage.db)).toEqual({ owed: false, differing: [] });
    }
    expect(await snapshot(parallel.storage)).toEqual(await snapshot(serial.storage));

    // A later pull refreshes the read rows with each page: pages of products, their variants, their
    // assignments and their stock commit side by side, and each refresh must see the others.
    const later = edits();
    for (const db of [serial, parallel]) await startRun(db.storage, 'next');
    await serially(serial.storage, chains('next', later, 1, false));
    await sideBySide(parallel.storage, chains('next', later, 1, false));
    expect(await storefrontDrift(parallel.storage.db)).toEqual({ owed: false, differing: [] });
    expect(await snapshot(parallel.storage)).toEqual(await snapshot(serial.storage));
  }, 60_000);

  it('never moves a checkpoint past a page not yet applied while other entities apply around it', async () => {
    const { storage } = parallel;
    const records = Array.from({ length: 12 }, (_, i) => ({
      ProductId: 900 + i,
      ProductCode: 1900 + i,
      ProductCategoryId: 1,
      Name: `کالای تازه ${i}`,
      Deleted: false,
      RowVersion: laterRv(),
    }));
    await startRun(storage, 'held');
    const [products] = chains('held', { Products: records }, 3, false);
    const [others] = chains(
      'held',
      { ProductDetailStoreAssets: edits().ProductDetailStoreAssets! },
      1,
      false,
    );
    // Page 1 of 4 waits (a retry); 0, 2 and 3 apply side by side with another entity's pages.
    await Promise.all([
      (async () => {
        for (const p of [products[0], products[2], products[3]]) await storage.applyPullPage(p);
      })(),
      sideBySide(storage, [
        others.map((p) => ({ ...p, seq: p.seq + 100, prevSeq: p.prevSeq! < 0 ? -1 : p.prevSeq! + 100 })),
      ]),
    ]);
    expect((await storage.getCheckpoints()).Products).toBe(products[0].checkpoint);
    await storage.applyPullPage(products[1]);
    expect((await storage.getCheckpoints()).Products).toBe(products[3].checkpoint);
  }, 30_000);

  it('a deferred page waits for the storefront state row only after its rows are written', async () => {
    const { storage, url } = parallel;
    await startRun(storage, 'later-load');
    await storage.db.run('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      // Another page (or the rebuild) holding the state row.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM storefront_state WHERE id = 1 FOR UPDATE');
      const product = {
        ...persianCatalog().Products![0],
        ProductId: 950,
        Name: 'کتاب',
        RowVersion: laterRv(),
      };
      const applying = storage.applyPullPage(productPage('later-load', product, true));
      const waiting = await waitingStatement(holder);
      // The upsert went by; only the statement that bumps the version and owes the read rows waits,
      // sent with the COMMIT, so the page holds the shared row for its commit alone.
      expect(waiting).toMatch(/^UPDATE storefront_state SET bulk = 1, version = version \+ 1.*; COMMIT$/);
      await holder.query('COMMIT');
      await expect(applying).resolves.toMatchObject({ changed: 1 });
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  }, 30_000);

  it("an entity's pages wait for each other across connections; other entities do not", async () => {
    const { storage, url } = parallel;
    await startRun(storage, 'instances');
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      // Another instance applying a Products page holds the entity's lock until it commits.
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKeyOf('pull-page:Products')]);
      const product = { ...persianCatalog().Products![1], Name: 'کفش مجلسی نو', RowVersion: laterRv() };
      const [stock] = chains(
        'instances',
        { ProductDetailStoreAssets: edits().ProductDetailStoreAssets! },
        9,
        false,
      );
      const products = storage.applyPullPage(productPage('instances', product));
      expect(await waitingStatement(other)).toMatch(/pg_advisory_xact_lock/);
      await expect(storage.applyPullPage(stock[0])).resolves.toMatchObject({ duplicate: false });
      await other.query('COMMIT');
      await expect(products).resolves.toMatchObject({ changed: 1 });
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
  }, 30_000);

  it('a page PostgreSQL aborts to break a deadlock is applied again, not failed', async () => {
    const { url } = parallel;
    // Which side PostgreSQL aborts is the one whose deadlock_timeout runs out first with the cycle
    // closed: the page's connections check after 3 s (a fresh store, so new connections), the desk's
    // after a minute, so on a loaded machine too the page is the one aborted.
    await parallel.storage.db.run(
      `ALTER DATABASE ${new URL(url).pathname.slice(1)} SET deadlock_timeout = '3s'`,
    );
    const storage = createStorage(url, createSilentLogger());
    await storage.init();
    await startRun(storage, 'deadlock');
    await storage.db.run('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
    const desk = new pg.Client({ connectionString: url });
    await desk.connect();
    try {
      // A writer that locks the state row first, then a product row (the order every writer of read
      // rows keeps), against a page that has written that product and waits for the state row.
      await desk.query("SET deadlock_timeout = '60s'");
      await desk.query('BEGIN');
      await desk.query('UPDATE storefront_state SET bulk = 1 WHERE id = 1');
      const product = { ...persianCatalog().Products![0], Name: 'كفش نو', RowVersion: laterRv() };
      const applying = storage.applyPullPage(productPage('deadlock', product, true));
      await waitingStatement(desk);
      // Closes the cycle: PostgreSQL aborts the page after its deadlock_timeout.
      await desk.query("UPDATE products SET name = 'کفش میز' WHERE id = 101");
      await desk.query('COMMIT');
      await expect(applying).resolves.toMatchObject({ duplicate: false, changed: 1 });
      expect(await storage.db.query('SELECT name FROM products WHERE id = 101')).toEqual([
        { name: 'كفش نو' },
      ]);
    } finally {
      await desk.query('ROLLBACK').catch(() => undefined);
      await desk.end();
      await storage.close();
    }
  }, 30_000);
});

/** The statement of the pool's backend that waits on a lock in this database, once there is one. */
async function waitingStatement(observer: pg.Client): Promise<string> {
  for (let i = 0; i < 200; i++) {
    // The observer is inside a transaction, which would see the activity of its first look only.
    await observer.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await observer.query<{ query: string }>(
      "SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' " +
        "AND application_name = 'hamgam'",
    );
    if (rows[0]) return rows[0].query;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no statement waited on a lock');
}
