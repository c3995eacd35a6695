import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { placeOrder, simCustomer, stockedGoods } from './push-env.js';

const cli = fileURLToPath(new URL('../../core/cli.ts', import.meta.url));

function hamgam(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, ...env, HAMGAM_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.resume();
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('hamgam push (CLI)', () => {
  let dir: string;
  let sim: MahakSim;
  let storage: Storage;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hamgam-push-cli-'));
    sim = await startMahakSim({ products: 30, seed: 1407 });
    env = {
      HAMGAM_DB: `sqlite:${join(dir, 'store.db')}`,
      HAMGAM_MAHAK_URL: sim.syncUrl,
      HAMGAM_STORE_ID: '1',
      HAMGAM_BLOB: `file:${join(dir, 'blobs')}`,
    };
    storage = createStorage(env.HAMGAM_DB, createSilentLogger());
    await storage.init();
  });
  afterAll(async () => {
    await storage.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends what is waiting, then finds nothing due', { timeout: 60_000 }, async () => {
    await placeOrder(storage, stockedGoods(sim, 2), { personServerId: simCustomer(sim) });
    const first = await hamgam(['push'], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^push ok/);
    expect(sim.control.books().Orders).toHaveLength(1);
    const second = await hamgam(['push'], env);
    expect(second).toEqual({ code: 0, out: 'push: nothing due\n' });
  });
});
