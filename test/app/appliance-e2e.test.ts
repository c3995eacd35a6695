import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import { createApp, type App } from '../../core/create-app.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { codeFromConsole, postByInject, registerByCode } from '../support/registration.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';

/**
 * The whole appliance as the composition root wires it: pull from the simulator, browse the catalogue,
 * register, check out, and see the order reach Mahak's books once — pushed because the checkout
 * nudged the worker, not because a test called it.
 */
describe('appliance end to end (createApp)', () => {
  let sim: MahakSim;
  let app: App;
  let dir: string;

  beforeAll(async () => {
    sim = await startMahakSim({ port: 0, products: 40, seed: 21 });
    dir = mkdtempSync(join(tmpdir(), 'hamgam-app-'));
    const config = loadConfig({
      env: {},
      overrides: {
        db: `sqlite:${join(dir, 'hamgam.db')}`,
        blob: `file:${join(dir, 'blobs')}`,
        mahakUrl: sim.syncUrl,
        storeId: 1,
        logLevel: 'silent',
      },
    });
    app = await createApp(config, createSilentLogger(), { server: true, schedule: false });
    await app.engine.pullNow();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inject = (method: 'GET' | 'POST', url: string, body?: unknown, token?: string) =>
    app.server!.inject({
      method,
      url,
      payload: body as object,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('sells a synced product and the invoice lands in Mahak exactly once', async () => {
    const list = await inject('GET', '/api/v1/products?limit=20&inStock=true');
    expect(list.statusCode).toBe(200);
    const productId = list.json().items[0].id as number;
    const product = (await inject('GET', `/api/v1/products/${productId}`)).json();
    const variant = product.variants.find((v: { stock: number }) => v.stock > 0);

    const post = postByInject((opts) => app.server!.inject(opts));
    const registered = await registerByCode(post, codeFromConsole(app.accounts.sms), {
      mobile: '۰۹۱۲۳۴۵۶۷۸۹',
      password: 'رمز-امن-۱۴۰۴',
      firstName: 'زهرا',
      lastName: 'كريمي',
    });
    expect(registered.status).toBe(201);
    const token = (registered.body as { accessToken: string }).accessToken;

    const checkout = await inject(
      'POST',
      '/api/v1/orders',
      {
        lines: [{ variantId: variant.id, quantity: 1, expectedUnitPrice: variant.price }],
        address: {
          city: 'مشهد',
          address: 'بلوار وکیل‌آباد، کوچهٔ ۱۲، پلاک ۴',
          postalCode: '9183645971',
          mobile: '09123456789',
          receiverName: 'زهرا کریمی',
        },
        paymentMethod: 'cash_on_delivery',
      },
      token,
    );
    expect(checkout.statusCode).toBe(201);
    const orderId = checkout.json().id as string;

    const sent = await waitFor(async () => {
      const order = (await inject('GET', `/api/v1/orders/${orderId}`, undefined, token)).json();
      return order.syncStatus === 'sent' ? order : undefined;
    });
    expect(sent.mahakOrderId).toEqual(expect.any(Number));
    const books = sim.control.books();
    const invoices = books.Orders.filter((o: Record<string, unknown>) => o.OrderId === sent.mahakOrderId);
    expect(invoices).toHaveLength(1);
    expect(
      books.Orders.filter((o: Record<string, unknown>) => o.OrderClientId === invoices[0].OrderClientId),
    ).toHaveLength(1);
  }, 60_000);
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
