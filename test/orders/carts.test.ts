import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartView } from '../../core/contracts/carts.js';
import type { OrderView } from '../../core/contracts/orders.js';
import {
  address,
  inStock,
  priceOfVariant,
  pullPrice,
  pullStock,
  pullUnassign,
  soldOut,
} from './order-fixtures.js';
import {
  bearer,
  errorOf,
  drivers,
  startOrdersTestServer,
  type OrdersTestServer,
} from './orders-test-server.js';

describe.each(drivers)('carts on %s', (driver) => {
  let t: OrdersTestServer;
  let sara: { token: string; id: string };
  let ali: { token: string; id: string };

  beforeAll(async () => {
    t = await startOrdersTestServer({ driver });
    sara = await t.customer('09123456789');
    ali = await t.customer('09351112233', 'علی', 'رضایی');
  });
  afterAll(() => t.close());

  const newAnonymousCart = async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/carts' });
    expect(res.statusCode).toBe(201);
    const token = res.headers['x-cart-token'] as string;
    expect(res.json<{ cartToken: string }>().cartToken).toBe(token);
    return { id: res.json<CartView>().id, token };
  };

  it('keeps an anonymous cart behind its secret token', async () => {
    const cart = await newAnonymousCart();
    expect(cart.token.length).toBeGreaterThan(30);
    expect((await t.inject({ method: 'GET', url: `/api/v1/carts/${cart.id}` })).statusCode).toBe(404);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/carts/${cart.id}`,
          headers: { 'x-cart-token': 'guess' },
        })
      ).statusCode,
    ).toBe(404);
    // A signed-in customer without the secret does not get in either.
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/carts/${cart.id}`, headers: bearer(sara.token) }))
        .statusCode,
    ).toBe(404);
    const ok = await t.inject({
      method: 'GET',
      url: `/api/v1/carts/${cart.id}`,
      headers: { 'x-cart-token': cart.token },
    });
    expect(ok.json<CartView>()).toMatchObject({ id: cart.id, status: 'open', lines: [], itemsTotal: 0 });
  });

  it("binds a cart created with a customer's token to that customer", async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/carts', headers: bearer(sara.token) });
    expect(res.headers['x-cart-token']).toBeUndefined();
    const id = res.json<CartView>().id;
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/carts/${id}`, headers: bearer(sara.token) })).statusCode,
    ).toBe(200);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/carts/${id}`, headers: bearer(ali.token) })).statusCode,
    ).toBe(404);
    const badToken = await t.inject({ method: 'POST', url: '/api/v1/carts', headers: bearer('not-a-jwt') });
    expect(badToken.statusCode).toBe(401);
  });

  it('re-checks price and stock on every read and flags the changes', async () => {
    const cart = await newAnonymousCart();
    const h = { 'x-cart-token': cart.token };
    const added = await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: inStock.c, quantity: 2 },
    });
    expect(added.statusCode).toBe(201);
    await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: inStock.c, quantity: 1 },
    });
    const first = (
      await t.inject({ method: 'GET', url: `/api/v1/carts/${cart.id}`, headers: h })
    ).json<CartView>();
    const price = priceOfVariant(inStock.c);
    expect(first.lines).toEqual([
      expect.objectContaining({
        variantId: inStock.c,
        quantity: 3,
        unitPrice: price,
        addedUnitPrice: price,
        changed: false,
        availableQuantity: 5,
        inStock: true,
      }),
    ]);
    expect(first).toMatchObject({ itemsTotal: 3 * price, needsAttention: false });

    await pullPrice(t.storage, inStock.c, price + 700_000);
    await pullStock(t.storage, inStock.c, 2);
    const second = (
      await t.inject({ method: 'GET', url: `/api/v1/carts/${cart.id}`, headers: h })
    ).json<CartView>();
    expect(second.lines[0]).toMatchObject({
      unitPrice: price + 700_000,
      addedUnitPrice: price,
      changed: true,
      availableQuantity: 2,
      inStock: false,
    });
    expect(second.needsAttention).toBe(true);

    // Changing the quantity acknowledges the price the customer is now looking at.
    const lineId = second.lines[0]!.id;
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/v1/carts/${cart.id}/lines/${lineId}`,
      headers: h,
      payload: { quantity: 2 },
    });
    expect(patched.json<CartView>().lines[0]).toMatchObject({
      quantity: 2,
      addedUnitPrice: price + 700_000,
      changed: false,
      inStock: true,
    });
    expect(patched.json<CartView>().needsAttention).toBe(false);
  });

  it('refuses lines it cannot sell and bad bodies', async () => {
    const cart = await newAnonymousCart();
    const h = { 'x-cart-token': cart.token };
    const unsellable = await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: 230, quantity: 1 },
    });
    expect(errorOf(unsellable).code).toBe('PRODUCT_UNAVAILABLE');
    const bad = await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: 'x', quantity: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(await t.count('cart_lines', 'cart_id = ?', [cart.id])).toBe(0);
    // Sold out may sit in a cart (it is no reservation) but is flagged.
    await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: soldOut, quantity: 1 },
    });
    const view = (
      await t.inject({ method: 'GET', url: `/api/v1/carts/${cart.id}`, headers: h })
    ).json<CartView>();
    expect(view.lines[0]).toMatchObject({ inStock: false, availableQuantity: 0 });
    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/v1/carts/${cart.id}/lines/${view.lines[0]!.id}`,
      headers: h,
    });
    expect(removed.json<CartView>().lines).toEqual([]);
  });

  it('checks out an anonymous cart with the cart secret, marks it converted, and refuses a second checkout', async () => {
    const cart = await newAnonymousCart();
    const h = { 'x-cart-token': cart.token };
    await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: inStock.a, quantity: 1 },
    });
    await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: inStock.b, quantity: 2 },
    });
    const body = { cartId: cart.id, address, paymentMethod: 'cash_on_delivery' };
    const noSecret = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: bearer(ali.token),
      payload: body,
    });
    expect(noSecret.statusCode).toBe(404);
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...bearer(ali.token), ...h },
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    const order = res.json<OrderView>();
    expect(order.lines.map((l) => [l.variantId, l.quantity])).toEqual([
      [inStock.a, 1],
      [inStock.b, 2],
    ]);
    const view = (
      await t.inject({ method: 'GET', url: `/api/v1/carts/${cart.id}`, headers: h })
    ).json<CartView>();
    expect(view).toMatchObject({ status: 'converted', orderId: order.id });
    const again = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...bearer(ali.token), ...h },
      payload: body,
    });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', details: { reason: 'cart_converted' } });
    const edit = await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${cart.id}/lines`,
      headers: h,
      payload: { variantId: inStock.a, quantity: 1 },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('checks a cart out at the price the customer saw: a later change is 409 ORDER_PRICE_CHANGED', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/v1/carts', headers: bearer(sara.token) });
    const id = created.json<CartView>().id;
    await t.inject({
      method: 'POST',
      url: `/api/v1/carts/${id}/lines`,
      headers: bearer(sara.token),
      payload: { variantId: 90, quantity: 1 },
    });
    await pullPrice(t.storage, 90, priceOfVariant(90) - 1_000_000);
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: bearer(sara.token),
      payload: { cartId: id, address, paymentMethod: 'online' },
    });
    expect(errorOf(res)).toMatchObject({
      code: 'ORDER_PRICE_CHANGED',
      details: {
        problems: [
          expect.objectContaining({ variantId: 90, currentUnitPrice: priceOfVariant(90) - 1_000_000 }),
        ],
      },
    });
    const cart = (
      await t.inject({ method: 'GET', url: `/api/v1/carts/${id}`, headers: bearer(sara.token) })
    ).json<CartView>();
    expect(cart.status).toBe('open');
    await pullUnassign(t.storage, 90);
    const gone = (
      await t.inject({ method: 'GET', url: `/api/v1/carts/${id}`, headers: bearer(sara.token) })
    ).json<CartView>();
    expect(gone.lines[0]).toMatchObject({ purchasable: false, unitPrice: null, lineNet: 0 });
  });
});
