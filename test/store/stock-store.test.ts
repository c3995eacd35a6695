import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import { withStockStore } from '../../core/store/stock-store.js';

describe('HAMGAM_STORE_CODE', () => {
  it('resolves the desktop store code to the server id once the stores are pulled', async () => {
    const storage = createStorage('sqlite::memory:', createSilentLogger());
    await storage.init();
    try {
      const config = loadConfig({ env: { HAMGAM_STORE_CODE: '12' } });
      expect((await withStockStore(config, storage, createSilentLogger())).storeId).toBeUndefined();
      await storage.applyPullPage({
        runId: 'r',
        seq: 0,
        entity: 'Stores',
        checkpoint: 4_300_000_002,
        records: [
          { StoreId: 3, StoreCode: 11, Name: 'انبار مرکزی', Deleted: false, RowVersion: 4_300_000_001 },
          { StoreId: 5, StoreCode: 12, Name: 'فروشگاه تبریز', Deleted: false, RowVersion: 4_300_000_002 },
        ],
      });
      const resolved = await withStockStore(config, storage, createSilentLogger());
      expect(resolved.storeId).toBe(5);
      expect(Object.isFrozen(resolved)).toBe(true);
      const explicit = loadConfig({ env: { HAMGAM_STORE_CODE: '12', HAMGAM_STORE_ID: '3' } });
      expect((await withStockStore(explicit, storage, createSilentLogger())).storeId).toBe(3);
    } finally {
      await storage.close();
    }
  });
});
