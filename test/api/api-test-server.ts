import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps, ReadinessCheck } from '../../core/api/api-deps.js';
import { createServer } from '../../core/api/create-server.js';
import { createMetrics, type Metrics } from '../../core/api/metrics.js';
import { storageReadiness } from '../../core/api/readiness.js';
import { loadConfig } from '../../core/config/load-config.js';
import type { Logger } from '../../core/logging/logger.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase } from '../support/services.js';
import { ourStoreId, seedCatalog } from './catalog-fixture.js';

export interface ApiTestServer {
  app: FastifyInstance;
  storage: Storage;
  metrics: Metrics;
  close(): Promise<void>;
}

export interface ApiTestOptions {
  config?: Record<string, unknown>;
  readiness?: ReadinessCheck[];
  deps?: Partial<ApiDeps>;
  logger?: Logger;
  seed?: boolean;
  /** The embedded default unless a suite runs once per database. */
  driver?: 'sqlite' | 'postgres';
}

/** The real HTTP app over a real storage (SQLite on a temp file, or a fresh PostgreSQL database), seeded through applyPullPage. */
export async function startApiTestServer(options: ApiTestOptions = {}): Promise<ApiTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-api-'));
  const logger = options.logger ?? createSilentLogger();
  const pgDb = options.driver === 'postgres' ? await createTestPgDatabase() : undefined;
  const storage = createStorage(pgDb?.url ?? `sqlite:${join(dir, 'hamgam.db')}`, logger);
  await storage.init();
  if (options.seed !== false) await seedCatalog(storage);
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir: dir,
      storeId: ourStoreId,
      sellPriceLevel: 1,
      corsOrigins: 'https://shop.example',
      ...options.config,
    },
  });
  const metrics = createMetrics();
  const readiness = [storageReadiness(storage), ...(options.readiness ?? [])];
  const app = await createServer({ config, storage, logger, metrics, readiness, ...options.deps });
  await app.ready();
  return {
    app,
    storage,
    metrics,
    close: async () => {
      await app.close();
      await storage.close();
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
