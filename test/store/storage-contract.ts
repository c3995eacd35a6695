import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { StorageOptions } from '../../core/store/sql-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { catalogContract } from './storage-contract-catalog.js';
import { convergenceContract } from './storage-contract-convergence.js';
import { locksContract } from './storage-contract-locks.js';
import { migrationsContract } from './storage-contract-migrations.js';
import { recordsContract } from './storage-contract-records.js';
import { sqlDbContract } from './storage-contract-sqldb.js';
import { emptyTables } from './storage-reset.js';
import { syncContract } from './storage-contract-sync.js';
import { trustContract } from './storage-contract-trust.js';

/** A storage on a fresh, empty database (not yet initialised) and the URL other processes can open. */
export interface StorageHandle {
  storage: Storage;
  url: string;
  cleanup(): Promise<void>;
}

export type StorageFactory = (options?: StorageOptions) => Promise<StorageHandle>;

/** What every sub-suite gets: a shared, migrated storage emptied before each test, and the factory. */
export interface ContractContext {
  storage(): Storage;
  url(): string;
  factory: StorageFactory;
}

/**
 * The Storage contract: every driver passes the same suite (STYLE.md rule 10). Run it from a test file
 * per driver with a factory that hands out fresh databases.
 */
export function runStorageContract(name: string, factory: StorageFactory): void {
  describe(`Storage contract: ${name}`, () => {
    let handle: StorageHandle;
    beforeAll(async () => {
      handle = await factory();
      await handle.storage.init();
    });
    afterAll(async () => {
      await handle?.storage.close();
      await handle?.cleanup();
    });
    beforeEach(async () => {
      await emptyTables(handle.storage);
    });
    const ctx: ContractContext = { storage: () => handle.storage, url: () => handle.url, factory };
    migrationsContract(ctx);
    sqlDbContract(ctx);
    syncContract(ctx);
    trustContract(ctx);
    convergenceContract(ctx);
    catalogContract(ctx);
    recordsContract(ctx);
    locksContract(ctx);
  });
}
