import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import { runStorageContract } from './storage-contract.js';

// A real file (in a parent folder the driver must create), so a second process can open it.
runStorageContract('sqlite', async (options) => {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-store-'));
  const url = `sqlite:${join(dir, 'nested', 'hamgam.db')}`;
  return {
    storage: createStorage(url, createSilentLogger(), options),
    url,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
