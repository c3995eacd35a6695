import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { StaffAccounts } from '../../core/accounts/staff-accounts.js';
import type { ConfigInput } from '../../core/config/config-schema.js';
import { loadConfig } from '../../core/config/load-config.js';
import { createApp, type App } from '../../core/create-app.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { stockedGoods, type Goods } from './push-env.js';

/** The whole app (composition root, HTTP server) against a simulator, with a signed-in clerk. */
export interface AdminEnv {
  sim: MahakSim;
  app: App;
  server: FastifyInstance;
  goods: Goods[];
  token: string;
  call<T = unknown>(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startAdminEnv(
  options: { dbUrl?: string; overrides?: ConfigInput } = {},
): Promise<AdminEnv> {
  const sim = await startMahakSim({ products: 40, seed: 1405 });
  const config = loadConfig({
    env: {},
    overrides: {
      db: options.dbUrl ?? 'sqlite::memory:',
      mahakUrl: sim.syncUrl,
      storeId: 1,
      jwtSecret: 'a-test-secret-of-32-characters!!',
      pullOverlap: 10,
      // No confirm window (issue 8): these suites are about the desk's screens, not late Mahak commits,
      // and a row retried by staff is sent at once (push-accepted.test.ts covers the window).
      pushConfirmMinutes: 0,
      blob: 'file:./.tmp/test-blobs-push',
      ...options.overrides,
    },
  });
  const app = await createApp(config, createSilentLogger(), { server: true });
  const server = app.server!;
  const token = await signInStaff(app, 'moradi', 'staff');
  const call = async <T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => {
    const res = await server.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T };
  };
  return {
    sim,
    app,
    server,
    goods: stockedGoods(sim, 10),
    token,
    call,
    close: async () => {
      await app.close();
      await sim.close();
    },
  };
}

/** Creates a staff account with `role` and signs it in through the admin API; returns its access token. */
export async function signInStaff(app: App, username: string, role: 'staff' | 'owner'): Promise<string> {
  await new StaffAccounts(app.storage.db, Date.now).create({ username, password: 'a-long-password', role });
  const login = await app.server!.inject({
    method: 'POST',
    url: '/admin/api/auth/login',
    payload: { username, password: 'a-long-password' },
  });
  if (login.statusCode !== 200) throw new Error(`${role} login failed: ${login.body}`);
  return (login.json() as { accessToken: string }).accessToken;
}

/** The owner's side of the admin API: the env's own clerk is staff, and settings need the owner. */
export interface OwnerCalls {
  patchSettings(body: unknown): Promise<LightMyRequestResponse>;
  get<T>(url: string): Promise<T>;
}

export async function signInOwner(env: AdminEnv, username = 'parvin'): Promise<OwnerCalls> {
  const headers = { authorization: `Bearer ${await signInStaff(env.app, username, 'owner')}` };
  return {
    patchSettings: (body) =>
      env.server.inject({ method: 'PATCH', url: '/admin/api/settings', headers, payload: body as object }),
    get: async <T>(url: string) => (await env.server.inject({ method: 'GET', url, headers })).json() as T,
  };
}
