import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { StaffAccounts } from '../../core/accounts/staff-accounts.js';
import { loadConfig } from '../../core/config/load-config.js';
import { createApp, type App } from '../../core/create-app.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';

export type Who = 'owner' | 'staff' | 'nobody';

export interface Reply<T> {
  status: number;
  body: T;
}

/** The whole app against a simulator, with an owner (parisa) and a clerk (reza) signed in. */
export interface SettingsEnv {
  sim: MahakSim;
  app: App;
  server: FastifyInstance;
  dir: string;
  call<T = unknown>(who: Who, method: string, url: string, body?: unknown): Promise<Reply<T>>;
  close(): Promise<void>;
}

export interface SettingsEnvOptions {
  /** Fake HAMGAM_* env: those keys are locked. */
  env?: Record<string, string>;
  /** Defaults (not locked): by default the simulator's URL, as a desk-set value would be. */
  defaults?: Record<string, unknown>;
  /** Leave the Mahak URL at the schema default: a fresh `hamgam serve`. */
  fresh?: boolean;
  schedule?: boolean;
  dbUrl?: string;
  products?: number;
}

export const ownerPassword = 'parisa-owner-pass';
export const staffPassword = 'reza-staff-pass';

export async function startSettingsEnv(options: SettingsEnvOptions = {}): Promise<SettingsEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-settings-'));
  const sim = await startMahakSim({ port: 0, products: options.products ?? 30, seed: 1404 });
  const config = loadConfig({
    env: options.env ?? {},
    defaults: { ...(options.fresh ? {} : { mahakUrl: sim.syncUrl }), ...options.defaults },
    overrides: {
      dataDir: dir,
      db: options.dbUrl ?? `sqlite:${join(dir, 'hamgam.db')}`,
      blob: `file:${join(dir, 'blobs')}`,
      jwtSecret: 'a-test-secret-of-32-characters!!',
      logLevel: 'silent',
    },
  });
  const app = await createApp(config, createSilentLogger(), {
    server: true,
    schedule: options.schedule,
    authRatePerMinute: 1000,
  });
  const server = app.server!;
  const staff = new StaffAccounts(app.storage.db, Date.now);
  await staff.create({ username: 'parisa', password: ownerPassword, role: 'owner' });
  await staff.create({ username: 'reza', password: staffPassword, role: 'staff' });
  const tokens = {
    owner: await login(server, 'parisa', ownerPassword),
    staff: await login(server, 'reza', staffPassword),
  };
  const call = async <T>(who: Who, method: string, url: string, body?: unknown): Promise<Reply<T>> => {
    const res = await server.inject({
      method: method as 'GET',
      url,
      headers: who === 'nobody' ? {} : { authorization: `Bearer ${tokens[who]}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T };
  };
  return {
    sim,
    app,
    server,
    dir,
    call,
    close: async () => {
      await app.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function login(server: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await server.inject({
    method: 'POST',
    url: '/admin/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
  return (res.json() as { accessToken: string }).accessToken;
}
