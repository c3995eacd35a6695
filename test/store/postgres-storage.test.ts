import { describe } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { runStorageContract } from './storage-contract.js';

describe.skipIf(!hasPostgres)('postgres', () => {
  runStorageContract('postgres', async (options) => {
    const database = await createTestPgDatabase();
    return {
      storage: createStorage(database.url, createSilentLogger(), options),
      url: database.url,
      cleanup: database.drop,
    };
  });
});
