import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import type { OrderView } from '../../core/contracts/orders.js';
import type { StartPaymentResponse } from '../../core/contracts/payments.js';
import { checkoutBody, inStock } from './order-fixtures.js';
import { bearer, startOrdersTestServer, type OrdersTestServer } from './orders-test-server.js';

/** Headers a client (or an attacker in front of a careless proxy) may send. */
const hostile = {
  host: 'evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  forwarded: 'host=evil.example;proto=https',
};

/** The payment redirect is built from configuration, never from request headers (issue 11, finding 3). */
describe('public URLs of payments', () => {
  let t: OrdersTestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const startPayment = async (server: OrdersTestServer): Promise<StartPaymentResponse> => {
    const sara = await server.customer('09123456789');
    const order = await server.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...bearer(sara.token), ...hostile },
      payload: checkoutBody([{ variantId: inStock.a, quantity: 1 }], 'online'),
    });
    expect(order.statusCode, order.body).toBe(201);
    const res = await server.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.json<OrderView>().id}/pay`,
      headers: { ...bearer(sara.token), ...hostile },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<StartPaymentResponse>();
  };

  it('uses HAMGAM_PUBLIC_BASE_URL whatever Host and X-Forwarded-* say', async () => {
    t = await startOrdersTestServer({ config: { publicBaseUrl: 'https://shop.example/' } });
    const started = await startPayment(t);
    expect(new URL(started.redirectUrl).origin).toBe('https://shop.example');
    expect(started.redirectUrl).not.toContain('evil');
  });

  it('falls back to the listening address, not the Host header, when none is configured', async () => {
    t = await startOrdersTestServer({ config: { host: '127.0.0.1', port: 0 } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const started = await startPayment(t);
    expect(new URL(started.redirectUrl).origin).toBe(`http://127.0.0.1:${port}`);
  });

  it('accepts only a plain http(s) base URL in the configuration', () => {
    const load = (publicBaseUrl: string) => loadConfig({ env: {}, overrides: { publicBaseUrl } });
    expect(load('https://shop.example/hamgam/').publicBaseUrl).toBe('https://shop.example/hamgam');
    for (const bad of [
      'shop.example',
      'javascript:alert(1)',
      'ftp://shop.example',
      'https://user:pass@shop.example',
      'https://shop.example/?next=evil',
      'https://shop.example/#x',
    ]) {
      expect(() => load(bad), bad).toThrow(/HAMGAM_PUBLIC_BASE_URL/);
    }
  });
});
