import { createHmac } from 'node:crypto';
import { errorOf } from '../support/http-helpers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { AccountsService, type AccountsOptions } from '../../core/accounts/accounts-service.js';
import { ConsoleSmsSender } from '../../core/accounts/console-sms-sender.js';
import { createServer } from '../../core/api/create-server.js';
import { createMetrics } from '../../core/api/metrics.js';
import { loadConfig } from '../../core/config/load-config.js';
import type { Logger } from '../../core/logging/logger.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase } from '../support/services.js';

/** A clock the test moves by hand (OTP and refresh-token expiry); starts at the real now. */
export interface TestClock {
  now: number;
  advance(ms: number): void;
}

export interface AccountsTestServer {
  app: FastifyInstance;
  storage: Storage;
  accounts: AccountsService;
  /** The console SMS driver: every message "sent", code included. */
  sms: ConsoleSmsSender;
  clock: TestClock;
  dbUrl: string;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface AccountsTestOptions {
  driver?: 'sqlite' | 'postgres';
  /** Reuse a database (a restart); it is then left in place on close. */
  dbUrl?: string;
  config?: Record<string, unknown>;
  /** Default: high enough that functional suites never meet the sign-in limit. */
  authRatePerMinute?: number;
  options?: Partial<AccountsOptions>;
  logger?: Logger;
}

/** The real HTTP app with the accounts service, over a real database (SQLite temp file or fresh PostgreSQL). */
export async function startAccountsTestServer(opts: AccountsTestOptions = {}): Promise<AccountsTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-accounts-'));
  const logger = opts.logger ?? createSilentLogger();
  const pgDb = !opts.dbUrl && opts.driver === 'postgres' ? await createTestPgDatabase() : undefined;
  const dbUrl = opts.dbUrl ?? pgDb?.url ?? `sqlite:${join(dir, 'hamgam.db')}`;
  const storage = createStorage(dbUrl, logger);
  await storage.init();
  const config = loadConfig({ env: {}, overrides: { dataDir: dir, ...opts.config } });
  const clock: TestClock = {
    now: Date.now(),
    advance(ms) {
      this.now += ms;
    },
  };
  const now = () => clock.now;
  const sms = new ConsoleSmsSender(logger, now);
  const accounts = new AccountsService({ db: storage.db, config, logger, sms, now, options: opts.options });
  const app = await createServer({
    config,
    storage,
    logger,
    metrics: createMetrics(),
    readiness: [],
    accounts,
    authRatePerMinute: opts.authRatePerMinute ?? 10_000,
  });
  await app.ready();
  return {
    app,
    storage,
    accounts,
    sms,
    clock,
    dbUrl,
    inject: (o) => app.inject(o),
    close: async () => {
      await app.close();
      await storage.close();
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { bearer, errorOf } from '../support/http-helpers.js';

/** The bad fields of a VALIDATION_FAILED answer. */
export const badFields = (res: LightMyRequestResponse): string[] =>
  ((errorOf(res).details as { fields: { field: string }[] }).fields ?? []).map((f) => f.field).sort();

/** An HS256 JWT made by hand, to test what the server does with tokens it did not issue itself. */
export function forgeJwt(secret: string, payload: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
