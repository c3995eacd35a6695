import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from './pull-harness.js';

/**
 * Invariant 1 at a page boundary. Mahak's global counter gives every row its own RowVersion, but a
 * server may hand out equal ones (one transaction, several rows), so this peer does exactly that:
 * a real HTTP server speaking Mahak's wire format with rows [10, 11, 11, 11, 12] (+ 2^32),
 * `RowVersion > cursor`, at most `PageSize` rows, ascending.
 */
const base = 2 ** 32;
const products = [10, 11, 11, 11, 12].map((v, i) => ({
  ProductId: i + 1,
  ProductCode: 100 + i,
  Name: `کالای شماره ${i + 1}`,
  Deleted: false,
  RowVersion: base + v,
}));

async function startEqualVersionPeer(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  const body = (b: unknown) =>
    Object.fromEntries(Object.entries(b as object).map(([k, v]) => [k.toLowerCase(), v]));
  app.post('/API/v3/Sync/Login', async () => ({
    Result: true,
    Code: 0,
    Data: { UserToken: 't', VisitorId: 7, DatabaseId: 1 },
  }));
  app.post('/API/v3/Sync/GetAllData', async (req) => {
    const q = body(req.body);
    const from = q.fromproductversion as number | undefined;
    const rows =
      from === undefined
        ? []
        : products.filter((p) => p.RowVersion > from).slice(0, (q.pagesize as number) ?? 1e9);
    return { Result: true, Code: 0, Message: null, Data: { Objects: { Products: rows } } };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: `${url}/API/v3/Sync` };
}

describe('pull paging at equal RowVersions', () => {
  let peer: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    peer = await startEqualVersionPeer();
  });
  afterAll(async () => {
    await peer.app.close();
  });

  it.each([1, 2, 3, 4])('loses no row when equal RowVersions straddle a page of %i', async (pageSize) => {
    const h = await createHarness(peer.url);
    try {
      await h.round({ pageSize, overlap: 0, runId: 'r1' });
      const rows = await h.storage.db.query<{ id: number }>('SELECT id FROM products ORDER BY id');
      expect(rows.map((r) => Number(r.id))).toEqual([1, 2, 3, 4, 5]);
      expect((await h.storage.getCheckpoints()).Products).toBe(base + 12);
    } finally {
      await h.close();
    }
  });

  it('fails with a clear, actionable error when more rows share one RowVersion than the largest page', async () => {
    const h = await createHarness(peer.url);
    try {
      const started = Date.now();
      const error = await h
        .round({ pageSize: 1, overlap: 0, runId: 'tie', maxPageSize: 2 })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'PULL_ROWVERSION_TIE',
        details: { entity: 'Products', rowVersion: base + 11, maxPageSize: 2 },
      });
      expect(String((error as Error).message)).toContain('HAMGAM_PULL_MAX_PAGE_SIZE');
      expect(Date.now() - started).toBeLessThan(10_000);
      // Nothing past the tie was applied as if read: the checkpoint stays below it.
      expect((await h.storage.getCheckpoints()).Products ?? 0).toBeLessThan(base + 11);
    } finally {
      await h.close();
    }
  });
});
