import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import { createApp, type App } from '../../core/create-app.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';

/**
 * /ready says whether this instance can serve. Mahak offline is not a reason to leave the load
 * balancer: the storefront and checkout work without it (orders wait in the outbox), and with every
 * instance's probe tied to Mahak one outage would take the whole shop down.
 */
describe('readiness with Mahak unreachable', () => {
  let app: App;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hamgam-ready-'));
    const config = loadConfig({
      env: {},
      overrides: {
        db: `sqlite:${join(dir, 'hamgam.db')}`,
        blob: `file:${join(dir, 'blobs')}`,
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        mahakUrl: 'http://127.0.0.1:9/API/v3/Sync',
        logLevel: 'silent',
      },
    });
    app = await createApp(config, createSilentLogger(), { server: true, schedule: false });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays ready on its own database, queue and blob store', async () => {
    const res = await app.server!.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok', blob: 'ok' } });
  });
});
