import type { RegisterResponse } from '../../core/contracts/accounts.js';
import type { OrderView } from '../../core/contracts/orders.js';
import { startAdminEnv, type AdminEnv } from '../push/admin-env.js';
import { codeFromConsole, registerByCode } from '../support/registration.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

/** Each desk API suite runs on SQLite, and on PostgreSQL when it is up. */
export const drivers: ('sqlite' | 'postgres')[] = hasPostgres ? ['sqlite', 'postgres'] : ['sqlite'];

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The whole app against the simulator, pulled once, with a clerk signed in and storefront helpers. */
export interface DeskApiEnv extends AdminEnv {
  /** As the clerk; `token: null` sends no Authorization header. */
  req<T = unknown>(
    method: Method,
    url: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: T }>;
  /** A storefront customer registered through /api/v1/auth/register. */
  customer(mobile: string, firstName: string, lastName: string): Promise<{ id: string; token: string }>;
  /** A checkout through /api/v1/orders. */
  checkout(
    token: string,
    lines: { variantId: number; quantity: number }[],
    paymentMethod?: 'online' | 'cash_on_delivery',
  ): Promise<OrderView>;
  /** Rows of a table matching a condition (for "nothing changed" checks). */
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
}

export const address = {
  city: 'مشهد',
  address: 'بلوار وکیل‌آباد، کوچه ۱۲، پلاک ۴',
  postalCode: '۹۱۸۶۷-۴۵۶۷۸',
  mobile: '۰۹۱۵ ۱۲۳ ۴۵۶۷',
  receiverName: 'مريم رضايي',
};

export async function startDeskApiEnv(driver: 'sqlite' | 'postgres' = 'sqlite'): Promise<DeskApiEnv> {
  const pg = driver === 'postgres' ? await createTestPgDatabase() : undefined;
  const env = await startAdminEnv(pg ? { dbUrl: pg.url } : {});
  await env.app.engine.pullNow();
  const req = async <T>(method: Method, url: string, body?: unknown, token: string | null = env.token) => {
    const res = await env.server.inject({
      method,
      url,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T };
  };
  return {
    ...env,
    close: async () => {
      await env.close();
      await pg?.drop();
    },
    req,
    async customer(mobile, firstName, lastName) {
      const who = { mobile, password: 'a-long-password', firstName, lastName };
      const post = (url: string, body: unknown) => req('POST', url, body, null);
      const res = await registerByCode(post, codeFromConsole(env.app.accounts.sms), who);
      if (res.status !== 201) throw new Error(`register: ${JSON.stringify(res.body)}`);
      const body = res.body as RegisterResponse;
      return { id: body.customer.id, token: body.accessToken };
    },
    async checkout(token, lines, paymentMethod = 'cash_on_delivery') {
      const res = await req<OrderView>('POST', '/api/v1/orders', { lines, address, paymentMethod }, token);
      if (res.status !== 201) throw new Error(`checkout: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async count(table, where = '1 = 1', params = []) {
      const [row] = await env.app.storage.db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`,
        params,
      );
      return Number(row.n);
    },
  };
}
