import { describe, expect, it } from 'vitest';
import { isHamgamError } from '../../core/errors.js';
import { readJson } from '../../core/store/sql-values.js';
import type { PullPage } from '../../core/store/storage.js';
import { applyRecords, laterRv, loadCatalog } from './persian-catalog.js';
import type { ContractContext } from './storage-contract.js';

const page = (over: Partial<PullPage> & Pick<PullPage, 'records'>): PullPage => ({
  runId: 'run-1',
  seq: 1,
  entity: 'Products',
  checkpoint: 0,
  ...over,
});

export function syncContract(ctx: ContractContext): void {
  describe('applyPullPage', () => {
    const storage = () => ctx.storage();
    const product = async (id: number) =>
      (await storage().db.query<Record<string, unknown>>('SELECT * FROM products WHERE id = ?', [id]))[0];

    it('stores typed columns, search text and the raw payload', async () => {
      const record = {
        ProductId: 7,
        ProductCode: 70,
        Name: 'كتاب فارسي',
        Tags: 'آموزشی',
        RowVersion: 4_294_967_300,
        Extra: 'نگه‌دار',
      };
      expect(await storage().applyPullPage(page({ records: [record], checkpoint: 4_294_967_300 }))).toEqual({
        duplicate: false,
        changed: 1,
      });
      const row = await product(7);
      expect(row).toMatchObject({
        id: 7,
        code: 70,
        name: 'كتاب فارسي',
        row_version: 4_294_967_300,
        deleted_at: null,
      });
      expect(row.search_text).toBe('کتاب فارسی 70 آموزشی');
      expect(readJson(row.raw)).toEqual(record);
    });

    it('is idempotent: the same page again is a duplicate and the same rows again change nothing', async () => {
      const records = [{ ProductId: 1, Name: 'الف', RowVersion: 10 }];
      expect(await storage().applyPullPage(page({ records, checkpoint: 10 }))).toEqual({
        duplicate: false,
        changed: 1,
      });
      expect(await storage().applyPullPage(page({ records, checkpoint: 10 }))).toEqual({
        duplicate: true,
        changed: 0,
      });
      // Redelivered by a new run (another seq): recorded as a page, but no row is newer.
      expect(await storage().applyPullPage(page({ runId: 'run-2', records, checkpoint: 10 }))).toEqual({
        duplicate: false,
        changed: 0,
      });
      expect(await storage().countAppliedPages('run-1')).toBe(1);
      expect(await storage().countAppliedPages('run-2')).toBe(1);
    });

    it('prunes old page markers; a page redelivered after that changes nothing', async () => {
      const records = [{ ProductId: 1, Name: 'الف', RowVersion: 10 }];
      await storage().applyPullPage(page({ records, checkpoint: 10 }));
      expect(await storage().prunePullPages(Date.now() - 60_000)).toBe(0);
      expect(await storage().prunePullPages(Date.now() + 1)).toBe(1);
      expect(await storage().countAppliedPages('run-1')).toBe(0);
      expect(await storage().applyPullPage(page({ records, checkpoint: 10 }))).toEqual({
        duplicate: false,
        changed: 0,
      });
    });

    it('keeps the highest RowVersion when a page carries one id twice', async () => {
      const records = [
        { ProductId: 1, Name: 'نسخه ۲', RowVersion: 20 },
        { ProductId: 1, Name: 'نسخه ۳', RowVersion: 30 },
        { ProductId: 1, Name: 'نسخه ۱', RowVersion: 10 },
      ];
      expect((await storage().applyPullPage(page({ records, checkpoint: 30 }))).changed).toBe(1);
      expect(await product(1)).toMatchObject({ name: 'نسخه ۳', row_version: 30 });
    });

    it('never moves a checkpoint backwards', async () => {
      await storage().applyPullPage(page({ seq: 1, records: [], checkpoint: 500 }));
      await storage().applyPullPage(page({ seq: 2, records: [], checkpoint: 300 }));
      expect((await storage().getCheckpoints()).Products).toBe(500);
      await storage().applyPullPage(page({ seq: 3, records: [], checkpoint: 4_400_000_000 }));
      await storage().applyPullPage(page({ seq: 1, entity: 'People', records: [], checkpoint: 9 }));
      expect(await storage().getCheckpoints()).toEqual({ Products: 4_400_000_000, People: 9 });
    });

    it('sets deleted_at on Deleted: true and clears it on a later undelete, keeping the row', async () => {
      await applyRecords(storage(), 'Products', [{ ProductId: 5, Name: 'کیف', RowVersion: 1 }]);
      await applyRecords(storage(), 'Products', [
        { ProductId: 5, Name: 'کیف', Deleted: true, RowVersion: 2 },
      ]);
      expect((await product(5)).deleted_at).toEqual(expect.any(Number));
      // A stale copy of the live version must not revive it.
      await applyRecords(storage(), 'Products', [{ ProductId: 5, Name: 'کیف', RowVersion: 1 }]);
      expect((await product(5)).deleted_at).not.toBeNull();
      await applyRecords(storage(), 'Products', [
        { ProductId: 5, Name: 'کیف نو', Deleted: false, RowVersion: 3 },
      ]);
      expect(await product(5)).toMatchObject({ name: 'کیف نو', deleted_at: null });
    });

    it('rejects a page with an invalid record as a whole and records nothing', async () => {
      const records = [
        { ProductId: 1, Name: 'سالم', RowVersion: 1 },
        { ProductId: 'x', RowVersion: 2 },
      ];
      const error = await storage()
        .applyPullPage(page({ records, checkpoint: 2 }))
        .catch((e: unknown) => e);
      expect(isHamgamError(error) && error.code).toBe('VALIDATION_FAILED');
      expect(await product(1)).toBeUndefined();
      expect(await storage().getCheckpoints()).toEqual({});
      expect(await storage().countAppliedPages('run-1')).toBe(0);
    });

    it('un-assignment through VisitorProducts unpublishes a product and re-assignment revives it', async () => {
      await loadCatalog(storage());
      const ids = async () =>
        (await storage().catalog.listProducts({ limit: 100, priceLevel: 1 })).items.map((p) => p.id);
      expect(await ids()).toContain(103);
      await applyRecords(storage(), 'VisitorProducts', [
        { VisitorProductId: 5, ProductDetailId: 1031, Deleted: true, RowVersion: laterRv() },
      ]);
      expect(await ids()).not.toContain(103);
      expect(await storage().catalog.getProduct(103, { priceLevel: 1 })).toBeUndefined();
      await applyRecords(storage(), 'VisitorProducts', [
        { VisitorProductId: 5, ProductDetailId: 1031, Deleted: false, RowVersion: laterRv() },
      ]);
      expect(await ids()).toContain(103);
    });

    it('converts toman prices to rial when Mahak keeps toman', async () => {
      const fresh = await ctx.factory({ mahakCurrency: 'toman' });
      try {
        await fresh.storage.init();
        await applyRecords(fresh.storage, 'ProductDetails', [
          { ProductDetailId: 1, ProductId: 1, Price1: 150_000, Price3: 99_999, RowVersion: 1 },
        ]);
        const [row] = await fresh.storage.db.query<{ price1: number; price3: number }>(
          'SELECT price1, price3 FROM variants WHERE id = 1',
        );
        expect(row).toEqual({ price1: 1_500_000, price3: 999_990 });
      } finally {
        await fresh.storage.close();
        await fresh.cleanup();
      }
    });
  });
}
