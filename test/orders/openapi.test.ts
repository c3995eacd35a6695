import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrdersTestServer, type OrdersTestServer } from './orders-test-server.js';

type Doc = {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>
  >;
};

describe('OpenAPI of the storefront selling routes', () => {
  let t: OrdersTestServer;
  beforeAll(async () => {
    t = await startOrdersTestServer();
  });
  afterAll(() => t.close());

  it('documents checkout, orders, carts and payments from their zod contracts', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json<Doc>();
    const checkout = doc.paths['/api/v1/orders']!.post!;
    expect(checkout.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['header:idempotency-key', 'header:x-cart-token']),
    );
    expect(checkout.requestBody).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/orders/{id}',
        '/api/v1/orders/{id}/cancel',
        '/api/v1/orders/{id}/pay',
        '/api/v1/carts',
        '/api/v1/carts/{id}/lines/{lineId}',
        '/api/v1/payments/callback',
      ]),
    );
    // The development gateway's page is not part of the public API.
    expect(Object.keys(doc.paths)).not.toContain('/api/v1/payments/fake/{paymentId}');
  });
});
