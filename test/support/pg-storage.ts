import { afterAll, beforeAll } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase } from './services.js';

/**
 * A migrated Storage on a database of its own for the suite it is called in (inside `describe`): made
 * before the suite's own `beforeAll`, closed and dropped after it. Returns its getter.
 */
export function pgStorageForSuite(): () => Storage {
  let db: { url: string; drop: () => Promise<void> } | undefined;
  let storage: Storage | undefined;
  beforeAll(async () => {
    db = await createTestPgDatabase();
    storage = createStorage(db.url, createSilentLogger());
    await storage.init();
  });
  afterAll(async () => {
    await storage?.close();
    await db?.drop();
  });
  return () => {
    if (!storage) throw new Error('pgStorageForSuite: the suite has not started');
    return storage;
  };
}
