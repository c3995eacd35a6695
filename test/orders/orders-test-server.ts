import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { AccountsService } from '../../core/accounts/accounts-service.js';
import { ConsoleSmsSender } from '../../core/accounts/console-sms-sender.js';
import { codeFromConsole, postByInject, registerByCode } from '../support/registration.js';
import { createServer } from '../../core/api/create-server.js';
import { createMetrics } from '../../core/api/metrics.js';
import { loadConfig } from '../../core/config/load-config.js';
import type { RegisterResponse } from '../../core/contracts/accounts.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createCommerce, type Commerce } from '../../core/orders/commerce.js';
import type { PaymentGateway } from '../../core/payments/payment-gateway.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { ourStoreId, seedCatalog } from '../api/catalog-fixture.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

/** A clock the test moves by hand (payment deadlines); starts at the real now. */
export interface TestClock {
  now: number;
  advance(ms: number): void;
}

export interface OrdersTestServer {
  app: FastifyInstance;
  storage: Storage;
  commerce: Commerce;
  sms: ConsoleSmsSender;
  clock: TestClock;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Registers a customer through the real auth route; returns the access token and id. */
  customer(mobile: string, firstName?: string, lastName?: string): Promise<{ token: string; id: string }>;
  /** Rows in a table (for "nothing written" checks). */
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export interface OrdersTestOptions {
  driver?: 'sqlite' | 'postgres';
  config?: Record<string, unknown>;
  /** Global limiter per IP; false = off (the concurrency suite sends everything from one address). */
  rateLimitPerMinute?: number | false;
  gateway?: PaymentGateway;
}

/**
 * The real HTTP app over a real database (SQLite temp file or a fresh PostgreSQL database), the Persian
 * test catalogue loaded through applyPullPage (test/api/catalog-fixture.ts), customers registered
 * through /api/v1/auth/register, the console SMS driver to read notices, and a hand-moved clock.
 */
export async function startOrdersTestServer(opts: OrdersTestOptions = {}): Promise<OrdersTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-orders-'));
  const logger = createSilentLogger();
  const pgDb = opts.driver === 'postgres' ? await createTestPgDatabase() : undefined;
  const storage = createStorage(pgDb?.url ?? `sqlite:${join(dir, 'hamgam.db')}`, logger);
  await storage.init();
  await seedCatalog(storage);
  const config = loadConfig({
    env: {},
    overrides: { dataDir: dir, storeId: ourStoreId, sellPriceLevel: 1, demo: true, ...opts.config },
  });
  const clock: TestClock = {
    now: Date.now(),
    advance(ms) {
      this.now += ms;
    },
  };
  const now = () => clock.now;
  const sms = new ConsoleSmsSender(logger, now);
  const accounts = new AccountsService({ db: storage.db, config, logger, sms, now });
  const commerce = createCommerce({ db: storage.db, config, logger, sms, gateway: opts.gateway, now });
  const app = await createServer({
    config,
    storage,
    logger,
    metrics: createMetrics(),
    readiness: [],
    accounts,
    commerce,
    authRatePerMinute: 100_000,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 100_000,
  });
  await app.ready();
  const inject = (o: InjectOptions) => app.inject(o);
  return {
    app,
    storage,
    commerce,
    sms,
    clock,
    inject,
    customer: async (mobile, firstName = 'سارا', lastName = 'محمدی') => {
      const who = { mobile, password: 'گل‌سرخ-۱۴۰۳', firstName, lastName };
      const res = await registerByCode(postByInject(inject), codeFromConsole(sms), who);
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      const body = res.body as RegisterResponse;
      return { token: body.accessToken, id: body.customer.id };
    },
    count: async (table, where = '1 = 1', params = []) => {
      const rows = await storage.db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`,
        params,
      );
      return Number(rows[0]?.n ?? 0);
    },
    close: async () => {
      await app.close();
      await storage.close();
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { bearer, errorOf } from '../support/http-helpers.js';

/** Every suite runs once per database: SQLite always, PostgreSQL when reachable. */
export const drivers: ['sqlite' | 'postgres'][] = hasPostgres ? [['sqlite'], ['postgres']] : [['sqlite']];
