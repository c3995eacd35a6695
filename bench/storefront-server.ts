import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { createServer } from '../core/api/create-server.js';
import { createMetrics } from '../core/api/metrics.js';
import { loadConfig } from '../core/config/load-config.js';
import { createLogger } from '../core/logging/pino-logger.js';
import { createStorage } from '../core/store/create-storage.js';
import { Writable } from 'node:stream';

/**
 * One HTTP server in its own process for the storefront benchmark (storefront.bench.ts), so the load
 * generator and the server each have a core:
 *   bare <body-file>                 fastify, one route answering the file's JSON from memory
 *   storefront <db-url> [entries]    the real API (createServer) over the database, request log at
 *                                    info into a null stream (the per-request log line is paid for)
 * Prints `PORT <n>` when listening.
 */
const [mode, arg, entries] = process.argv.slice(2);

const nullStream = new Writable({ write: (_chunk, _enc, done) => done() });

async function start() {
  if (mode === 'bare') {
    const body = readFileSync(arg, 'utf8');
    const app = Fastify();
    app.get('/*', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
    return app;
  }
  const logger = createLogger('info', nullStream);
  const storage = createStorage(arg, logger);
  await storage.init();
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir: mkdtempSync(join(tmpdir(), 'hamgam-sf-server-')),
      storeId: 1,
      sellPriceLevel: 1,
      ...(entries === undefined ? {} : { catalogueCacheEntries: Number(entries) }),
    },
  });
  return createServer({ config, storage, logger, metrics: createMetrics(), readiness: [] });
}

const app = await start();
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
