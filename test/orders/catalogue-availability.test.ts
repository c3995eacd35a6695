import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductDetailDto, ProductPageDto } from '../../core/contracts/catalog.js';
import type { OrderView } from '../../core/contracts/orders.js';
import { checkoutBody, inStock } from './order-fixtures.js';
import {
  bearer,
  drivers,
  errorOf,
  startOrdersTestServer,
  type OrdersTestServer,
} from './orders-test-server.js';

/** Product 3 has one variant (30) with 5 units in our store (test/api/catalog-fixture.ts). */
const productId = inStock.b / 10;

/**
 * The catalogue shows what can really be bought: units held by pending orders are not in stock, in the
 * listing, the product page and the inStock filter alike, as checkout sees them (issue 11, finding 4).
 */
describe.each(drivers)('available stock in the catalogue on %s', (driver) => {
  let t: OrdersTestServer;
  let sara: { token: string; id: string };
  beforeAll(async () => {
    t = await startOrdersTestServer({ driver });
    sara = await t.customer('09123456789');
  });
  afterAll(() => t.close());

  const order = async (quantity: number) => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: bearer(sara.token),
      payload: checkoutBody([{ variantId: inStock.b, quantity }], 'online'),
    });
    return res;
  };
  const seen = async () => {
    const detail = (
      await t.inject({ method: 'GET', url: `/api/v1/products/${productId}` })
    ).json<ProductDetailDto>();
    const all = (await t.inject({ method: 'GET', url: '/api/v1/products?limit=100' })).json<ProductPageDto>();
    const listed = all.items.find((p) => p.id === productId)!;
    const inStockIds = (
      await t.inject({ method: 'GET', url: '/api/v1/products?limit=100&inStock=true' })
    ).json<ProductPageDto>();
    const outIds = (
      await t.inject({ method: 'GET', url: '/api/v1/products?limit=100&inStock=false' })
    ).json<ProductPageDto>();
    return {
      page: detail.stock,
      variant: detail.variants.find((v) => v.id === inStock.b)!.stock,
      listed: listed.stock,
      listedInStock: listed.inStock,
      inStockFilter: inStockIds.items.some((p) => p.id === productId),
      outFilter: outIds.items.some((p) => p.id === productId),
    };
  };

  it('subtracts the units an unpaid order holds, and gives them back when it is cancelled', async () => {
    expect(await seen()).toEqual({
      page: 5,
      variant: 5,
      listed: 5,
      listedInStock: true,
      inStockFilter: true,
      outFilter: false,
    });
    const held = await order(2);
    expect(held.statusCode, held.body).toBe(201);
    expect(await seen()).toMatchObject({ page: 3, variant: 3, listed: 3, listedInStock: true });

    const rest = await order(3);
    expect(rest.statusCode, rest.body).toBe(201);
    expect(await seen()).toEqual({
      page: 0,
      variant: 0,
      listed: 0,
      listedInStock: false,
      inStockFilter: false,
      outFilter: true,
    });
    // Checkout agrees: nothing is left to sell.
    const refused = await order(1);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('ORDER_STOCK_CHANGED');
    // Mahak's count falls below what the orders hold (sold at the counter meanwhile): zero, never less.
    await t.storage.db.run('UPDATE stock SET count1 = 1 WHERE variant_id = ?', [inStock.b]);
    expect(await seen()).toMatchObject({ page: 0, variant: 0, listed: 0, listedInStock: false });
    await t.storage.db.run('UPDATE stock SET count1 = 5 WHERE variant_id = ?', [inStock.b]);

    const cancel = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${rest.json<OrderView>().id}/cancel`,
      headers: bearer(sara.token),
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(await seen()).toMatchObject({ page: 3, listed: 3, listedInStock: true, inStockFilter: true });
  });
});
