import { describe, expect, it } from 'vitest';
import { catalogMappings } from '../../core/domain/catalog-mapping.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createSqlDb } from '../../core/store/create-storage.js';
import { migrationStatus, runMigrations } from '../../core/store/migrate.js';
import { migrations } from '../../core/store/migrations/index.js';
import type { ContractContext } from './storage-contract.js';

export function migrationsContract(ctx: ContractContext): void {
  describe('migrations', () => {
    it('apply every migration on an empty database, then again as a no-op', async () => {
      const fresh = await ctx.factory();
      const db = fresh.storage.db;
      try {
        await db.init();
        const first = await runMigrations(db, createSilentLogger());
        expect(first.map((m) => m.id)).toEqual(migrations.map((m) => m.id));
        expect(await runMigrations(db, createSilentLogger())).toEqual([]);
        const status = await migrationStatus(db);
        expect(status.pending).toEqual([]);
        expect(status.applied.map((m) => m.id)).toEqual(migrations.map((m) => m.id));
        // init() on an up-to-date database migrates nothing and does not fail.
        await fresh.storage.init();
      } finally {
        await fresh.storage.close();
        await fresh.cleanup();
      }
    });

    it('two migrators racing on one database apply each migration once', async () => {
      const fresh = await ctx.factory();
      const a = createSqlDb(fresh.url, createSilentLogger());
      const b = createSqlDb(fresh.url, createSilentLogger());
      try {
        await Promise.all([a.init(), b.init()]);
        const [ra, rb] = await Promise.all([
          runMigrations(a, createSilentLogger()),
          runMigrations(b, createSilentLogger()),
        ]);
        expect([...ra, ...rb].map((m) => m.id).sort((x, y) => x - y)).toEqual(migrations.map((m) => m.id));
      } finally {
        await a.close();
        await b.close();
        await fresh.cleanup();
      }
    });

    it('creates a table with every mapped column for every pulled entity', async () => {
      for (const mapping of Object.values(catalogMappings)) {
        const columns = mapping.columns.map((c) => c.name).join(', ');
        await expect(
          ctx.storage().db.query(`SELECT ${columns} FROM ${mapping.table} WHERE 1 = 0`),
        ).resolves.toEqual([]);
      }
    });

    it('indexes search text with trigrams on PostgreSQL when pg_trgm is available', async () => {
      const db = ctx.storage().db;
      if (db.dialect !== 'postgres') {
        expect(
          await db.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'variants_product_id_idx'",
          ),
        ).toHaveLength(1);
        return;
      }
      const ext = await db.query("SELECT 1 AS x FROM pg_extension WHERE extname = 'pg_trgm'");
      const indexes = await db.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_search_text_trgm' ORDER BY indexname",
      );
      expect(indexes.map((i) => i.indexname)).toEqual(
        ext.length
          ? [
              'customers_search_text_trgm',
              'products_search_text_trgm',
              'storefront_products_search_text_trgm',
              'variants_search_text_trgm',
            ]
          : [],
      );
    });
  });
}
