import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import { PictureRepo, type StoredBlob } from '../../core/store/picture-repo.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

let seq = 0;
const picture = (id: number, rowVersion: number, extra: Record<string, unknown> = {}) => ({
  PictureId: id,
  PictureCode: id,
  FileName: `عکس-${id}.png`,
  Url: `/Content/Images/all/pic-${id}.png`,
  Title: 'کیف چرمی قهوه‌ای',
  DisplayOrder: 1,
  Deleted: false,
  RowVersion: rowVersion,
  ...extra,
});

const blob = (n: number): StoredBlob => ({
  blobKey: `sha256/aa/bb/${String(n).padStart(64, 'a')}.png`,
  contentHash: String(n).padStart(64, 'a'),
  contentType: 'image/png',
});

// The repo's SQL is written once for both databases; it is checked on both.
for (const driver of ['sqlite', 'postgres'] as const) {
  describe.skipIf(driver === 'postgres' && !hasPostgres)(`PictureRepo on ${driver}`, () => {
    let storage: Storage;
    let repo: PictureRepo;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hamgam-picture-repo-'));
      const pg = driver === 'postgres' ? await createTestPgDatabase() : undefined;
      storage = createStorage(pg?.url ?? `sqlite:${join(dir, 'hamgam.db')}`, createSilentLogger());
      await storage.init();
      repo = new PictureRepo(storage.db);
      cleanup = async () => {
        await storage.close();
        await pg?.drop();
        rmSync(dir, { recursive: true, force: true });
      };
    });
    afterAll(() => cleanup?.());
    beforeEach(async () => {
      await storage.db.run('DELETE FROM pictures');
      await storage.db.run('DELETE FROM picture_downloads');
    });

    const pull = (...records: Record<string, unknown>[]) =>
      storage.applyPullPage({ runId: 'run', seq: seq++, entity: 'Pictures', records, checkpoint: 1 });
    const pendingIds = async () => (await repo.listPending(0, 100)).map((p) => p.id);

    it('lists live pictures never downloaded, in id order, keyset-paged', async () => {
      await pull(picture(3, 12), picture(1, 10), picture(2, 11), picture(4, 13, { Deleted: true }));
      expect(await pendingIds()).toEqual([1, 2, 3]);
      const [first] = await repo.listPending(0, 1);
      expect(first).toMatchObject({
        id: 1,
        rowVersion: 10,
        url: '/Content/Images/all/pic-1.png',
        attempts: 0,
        history: [],
      });
      expect((await repo.listPending(1, 100)).map((p) => p.id)).toEqual([2, 3]);
    });

    it('publishes a download; a newer RowVersion makes it pending again while the old bytes stay served', async () => {
      await pull(picture(1, 10));
      expect(await repo.getPublished(1)).toBeUndefined();
      expect(await repo.markDownloaded(1, 10, blob(1))).toBe(true);
      expect(await pendingIds()).toEqual([]);
      expect(await repo.getPublished(1)).toEqual(blob(1));
      await pull(picture(1, 20, { Url: '/Content/Images/all/pic-1-v1.png' }));
      expect(await pendingIds()).toEqual([1]);
      expect(await repo.getPublished(1)).toEqual(blob(1));
    });

    it('never records a download over a row a newer pull changed meanwhile (row_version guard)', async () => {
      await pull(picture(1, 10));
      const [pending] = await repo.listPending(0, 10);
      await pull(picture(1, 20));
      expect(await repo.markDownloaded(pending.id, pending.rowVersion, blob(1))).toBe(false);
      expect(await repo.getPublished(1)).toBeUndefined();
      expect(await repo.listPending(0, 10)).toMatchObject([{ id: 1, rowVersion: 20 }]);
    });

    it('counts failures per RowVersion, skips a given-up picture until Mahak changes it', async () => {
      await pull(picture(1, 10), picture(2, 11));
      const history = [{ at: 1_700_000_000_000, error: 'Mahak answered HTTP 503' }];
      await repo.recordFailure(1, 10, 1, history, false);
      expect((await repo.listPending(0, 10))[0]).toMatchObject({ id: 1, attempts: 1, history });
      await repo.recordFailure(1, 10, 3, [...history, ...history, ...history], true);
      expect(await pendingIds()).toEqual([2]);
      await pull(picture(1, 30));
      expect((await repo.listPending(0, 10))[0]).toMatchObject({
        id: 1,
        rowVersion: 30,
        attempts: 0,
        history: [],
      });
      // A success clears the failure row.
      expect(await repo.markDownloaded(1, 30, blob(1))).toBe(true);
      expect(await storage.db.query('SELECT * FROM picture_downloads WHERE picture_id = 1')).toEqual([]);
    });

    it('resetFailures makes a dead-lettered picture pending again (admin retry)', async () => {
      await pull(picture(5, 10));
      await repo.recordFailure(5, 10, 3, [{ at: 1, error: 'x' }], true);
      expect(await pendingIds()).toEqual([]);
      await repo.resetFailures(5);
      expect(await pendingIds()).toEqual([5]);
    });

    it('hides a deleted picture even though it was downloaded', async () => {
      await pull(picture(1, 10));
      await repo.markDownloaded(1, 10, blob(1));
      await pull(picture(1, 11, { Deleted: true }));
      expect(await repo.getPublished(1)).toBeUndefined();
      expect(await pendingIds()).toEqual([]);
    });
  });
}
