import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import type { Storage } from './storage.js';

/**
 * `HAMGAM_STORE_CODE` names the stock store the way the Mahak desktop program shows it (StoreCode);
 * everything downstream works with the server id. Resolved once at start-up from the pulled Stores;
 * until the stores have been pulled, stock is summed over all stores and a warning says so.
 */
export async function withStockStore(config: Config, storage: Storage, logger: Logger): Promise<Config> {
  if (config.storeId !== undefined || config.storeCode === undefined) return config;
  const [row] = await storage.db.query<{ id: number }>(
    'SELECT id FROM stores WHERE code = ? AND deleted_at IS NULL',
    [config.storeCode],
  );
  if (!row) {
    logger.warn(
      { storeCode: config.storeCode },
      'HAMGAM_STORE_CODE is not among the pulled stores yet: stock is summed over all stores until the next start',
    );
    return config;
  }
  return Object.freeze({ ...config, storeId: Number(row.id) });
}
