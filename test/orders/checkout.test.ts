import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CheckoutProblem,
  OrderList,
  OrderView,
  PushOrderPayload,
  PushPersonPayload,
} from '../../core/contracts/orders.js';
import { readJson } from '../../core/store/sql-values.js';
import {
  address,
  checkoutBody,
  inStock,
  priceOfVariant,
  pull,
  pullPrice,
  pullUnassign,
  soldOut,
  unassigned,
} from './order-fixtures.js';
import {
  bearer,
  errorOf,
  drivers,
  startOrdersTestServer,
  type OrdersTestServer,
} from './orders-test-server.js';

describe.each(drivers)('checkout on %s', (driver) => {
  let t: OrdersTestServer;
  let sara: { token: string; id: string };
  let ali: { token: string; id: string };

  beforeAll(async () => {
    t = await startOrdersTestServer({ driver });
    sara = await t.customer('۰۹۱۲ ۳۴۵ ۶۷۸۹');
    ali = await t.customer('+98 935 111 2233', 'علي', 'رضايي');
  });
  afterAll(() => t.close());

  const checkout = (token: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: '/api/v1/orders', headers: { ...bearer(token), ...headers }, payload });
  const outboxOf = async (orderId: string) =>
    t.storage.db.query<{ kind: string; state: string; payload: string }>(
      'SELECT kind, state, payload FROM push_outbox WHERE order_id = ?',
      [orderId],
    );

  it('needs a customer token', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: checkoutBody([{ variantId: inStock.a, quantity: 1 }]),
    });
    expect(res.statusCode).toBe(401);
  });

  it('places a cash-on-delivery order with lines, reservation, person and order outbox rows', async () => {
    const price = priceOfVariant(inStock.a);
    const res = await checkout(
      sara.token,
      checkoutBody([{ variantId: inStock.a, quantity: 2, expectedUnitPrice: price }]),
    );
    expect(res.statusCode).toBe(201);
    const order = res.json<OrderView>();
    expect(order).toMatchObject({
      status: 'placed',
      paymentMethod: 'cash_on_delivery',
      syncStatus: 'pending',
      mahakOrderId: null,
    });
    expect(order.lines).toEqual([
      expect.objectContaining({ variantId: inStock.a, quantity: 2, unitPrice: price, lineTotal: 2 * price }),
    ]);
    expect(order.totals.total).toBe(2 * price);
    // Normalised on the way in: ASCII digits, 10-digit postal code, 09… mobile.
    expect(order.address).toMatchObject({ postalCode: '1415893456', mobile: '09123456789', city: 'تهران' });
    expect(res.headers.location).toBe(`/api/v1/orders/${order.id}`);

    const reservations = await t.storage.db.query<{
      variant_id: number;
      quantity: number;
      store_id: number;
      expires_at: number | null;
    }>('SELECT variant_id, quantity, store_id, expires_at FROM stock_reservations WHERE order_id = ?', [
      order.id,
    ]);
    expect(
      reservations.map((r) => [Number(r.variant_id), Number(r.quantity), Number(r.store_id), r.expires_at]),
    ).toEqual([[inStock.a, 2, 1, null]]);
    const [orderRow] = await outboxOf(order.id);
    expect(orderRow).toMatchObject({ kind: 'order', state: 'ready' });
    const payload = readJson<PushOrderPayload>(orderRow!.payload);
    expect(payload).toMatchObject({
      orderId: order.id,
      revision: 0,
      payment: { method: 'cash_on_delivery', paid: false, amount: 0 },
    });
    const person = await t.storage.db.query<{ payload: string }>(
      "SELECT payload FROM push_outbox WHERE kind = 'person' AND customer_id = ?",
      [sara.id],
    );
    expect(person).toHaveLength(1);
    const personPayload = readJson<PushPersonPayload>(person[0]!.payload);
    expect(personPayload).toMatchObject({ firstName: 'سارا', lastName: 'محمدی', mobile: '09123456789' });
    expect(payload.customer).toEqual({ personSeq: personPayload.personSeq, personServerId: null });
  });

  it('names a line by its product and the variant’s values, not Mahak’s Properties JSON', async () => {
    const variantId = inStock.b;
    const price = priceOfVariant(variantId);
    await pull(t.storage, 'ProductDetails', [
      {
        ProductDetailId: variantId,
        ProductDetailCode: variantId,
        ProductId: variantId / 10,
        Properties: '[{"C":"1","V":"مشکی"},{"C":"2","V":"XL"}]',
        Price1: price,
        Deleted: false,
        RowVersion: 5_000_000,
      },
    ]);
    const res = await checkout(
      ali.token,
      checkoutBody([{ variantId, quantity: 1, expectedUnitPrice: price }]),
    );
    expect(res.statusCode).toBe(201);
    const [line] = res.json<OrderView>().lines;
    expect(line!.productName).toMatch(/^\S.* — مشکی، XL$/);
    expect(line!.productName).not.toContain('[');
  });

  it("reuses the queued person for the same customer's next order", async () => {
    const res = await checkout(sara.token, checkoutBody([{ variantId: inStock.b, quantity: 1 }]));
    expect(res.statusCode).toBe(201);
    expect(await t.count('push_outbox', "kind = 'person' AND customer_id = ?", [sara.id])).toBe(1);
  });

  it('refuses a changed price with 409 ORDER_PRICE_CHANGED and the per-line details', async () => {
    const before = await t.count('orders');
    await pullPrice(t.storage, inStock.c, 19_900_000);
    const res = await checkout(
      sara.token,
      checkoutBody([
        { variantId: inStock.b, quantity: 1, expectedUnitPrice: priceOfVariant(inStock.b) },
        { variantId: inStock.c, quantity: 1, expectedUnitPrice: priceOfVariant(inStock.c) },
      ]),
    );
    expect(res.statusCode).toBe(409);
    const error = errorOf(res);
    expect(error.code).toBe('ORDER_PRICE_CHANGED');
    expect((error.details as { problems: CheckoutProblem[] }).problems).toEqual([
      expect.objectContaining({
        code: 'ORDER_PRICE_CHANGED',
        lineIndex: 1,
        variantId: inStock.c,
        expectedUnitPrice: priceOfVariant(inStock.c),
        currentUnitPrice: 19_900_000,
      }),
    ]);
    expect(await t.count('orders')).toBe(before);
  });

  it('refuses more than the stock with 409 ORDER_STOCK_CHANGED', async () => {
    const before = await t.count('stock_reservations');
    const res = await checkout(sara.token, checkoutBody([{ variantId: soldOut, quantity: 1 }]));
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('ORDER_STOCK_CHANGED');
    expect((errorOf(res).details as { problems: CheckoutProblem[] }).problems[0]).toMatchObject({
      requestedQuantity: 1,
      availableQuantity: 0,
    });
    // Reservations count: 5 in stock, sara holds 2 of variant a already.
    const over = await checkout(ali.token, checkoutBody([{ variantId: inStock.a, quantity: 4 }]));
    expect(errorOf(over)).toMatchObject({
      code: 'ORDER_STOCK_CHANGED',
      details: { problems: [expect.objectContaining({ availableQuantity: 3 })] },
    });
    expect(await t.count('stock_reservations')).toBe(before);
  });

  it('refuses an unpublished variant with 409 PRODUCT_UNAVAILABLE', async () => {
    const notAssigned = await checkout(sara.token, checkoutBody([{ variantId: unassigned, quantity: 1 }]));
    expect(errorOf(notAssigned)).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
      details: { problems: [expect.objectContaining({ why: 'unpublished' })] },
    });
    await pullUnassign(t.storage, 70);
    const unassignedNow = await checkout(sara.token, checkoutBody([{ variantId: 70, quantity: 1 }]));
    expect(unassignedNow.statusCode).toBe(409);
    expect(errorOf(unassignedNow).code).toBe('PRODUCT_UNAVAILABLE');
    const missing = await checkout(sara.token, checkoutBody([{ variantId: 999_999, quantity: 1 }]));
    expect(errorOf(missing)).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
      details: { problems: [expect.objectContaining({ why: 'not_found' })] },
    });
  });

  it('answers the same Idempotency-Key with the same order, and refuses it for another request', async () => {
    const body = checkoutBody([{ variantId: inStock.b, quantity: 1 }]);
    const key = { 'idempotency-key': `dbl-click-${driver}` };
    const [first, second] = await Promise.all([
      checkout(ali.token, body, key),
      checkout(ali.token, body, key),
    ]);
    const third = await checkout(ali.token, body, key);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes).toEqual([200, 201]);
    const ids = new Set([first, second, third].map((r) => r.json<OrderView>().id));
    expect(ids.size).toBe(1);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(await t.count('orders', 'idempotency_key = ?', [key['idempotency-key']])).toBe(1);
    const other = await checkout(ali.token, checkoutBody([{ variantId: inStock.b, quantity: 2 }]), key);
    expect(other.statusCode).toBe(409);
    expect(errorOf(other)).toMatchObject({ code: 'CONFLICT', details: { reason: 'idempotency_key_reused' } });
  });

  it('shows customers only their own orders, newest first, paged', async () => {
    const mine = await t.inject({
      method: 'GET',
      url: '/api/v1/orders?limit=1',
      headers: bearer(sara.token),
    });
    const page1 = mine.json<OrderList>();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/orders?limit=10&cursor=${page1.nextCursor}`,
        headers: bearer(sara.token),
      })
    ).json<OrderList>();
    const all = [...page1.items, ...page2.items];
    expect(all).toHaveLength(2);
    expect(new Set(all.map((o) => o.id)).size).toBe(2);
    expect(all[0]!.createdAt >= all[1]!.createdAt).toBe(true);
    const alis = (
      await t.inject({ method: 'GET', url: '/api/v1/orders', headers: bearer(ali.token) })
    ).json<OrderList>();
    expect(alis.items.map((o) => o.id)).not.toContain(all[0]!.id);
    const foreign = await t.inject({
      method: 'GET',
      url: `/api/v1/orders/${all[0]!.id}`,
      headers: bearer(ali.token),
    });
    expect(foreign.statusCode).toBe(404);
    const own = await t.inject({
      method: 'GET',
      url: `/api/v1/orders/${all[0]!.id}`,
      headers: bearer(sara.token),
    });
    expect(own.json<OrderView>()).toMatchObject({
      id: all[0]!.id,
      syncStatus: 'pending',
      mahakOrderId: null,
    });
    const badCursor = await t.inject({
      method: 'GET',
      url: '/api/v1/orders?cursor=nonsense',
      headers: bearer(sara.token),
    });
    expect(errorOf(badCursor).code).toBe('VALIDATION_FAILED');
  });

  it('cancels an order not yet sent: stock back, outbox row cancelled, repeat is harmless', async () => {
    const placed = (
      await checkout(ali.token, checkoutBody([{ variantId: inStock.a, quantity: 3 }]))
    ).json<OrderView>();
    expect(
      errorOf(await checkout(sara.token, checkoutBody([{ variantId: inStock.a, quantity: 1 }]))).code,
    ).toBe('ORDER_STOCK_CHANGED');
    const foreign = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${placed.id}/cancel`,
      headers: bearer(sara.token),
    });
    expect(foreign.statusCode).toBe(404);
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${placed.id}/cancel`,
      headers: bearer(ali.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<OrderView>().status).toBe('cancelled');
    expect((await outboxOf(placed.id)).map((r) => r.state)).toEqual(['cancelled']);
    expect(await t.count('stock_reservations', 'order_id = ? AND released_at IS NULL', [placed.id])).toBe(0);
    expect(
      (await checkout(sara.token, checkoutBody([{ variantId: inStock.a, quantity: 1 }]))).statusCode,
    ).toBe(201);
    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${placed.id}/cancel`,
      headers: bearer(ali.token),
    });
    expect(again.statusCode).toBe(200);
    expect(t.sms.lastTo('09351112233')?.text).toContain('لغو شد');
  });

  it('refuses to cancel an order whose outbox row is being sent (409 ORDER_NOT_CANCELLABLE)', async () => {
    const placed = (
      await checkout(ali.token, checkoutBody([{ variantId: inStock.b, quantity: 1 }]))
    ).json<OrderView>();
    // What the push worker does right before SaveAllData: the row may now be in Mahak.
    await t.storage.db.run('UPDATE push_outbox SET attempt_started_at = ? WHERE order_id = ?', [
      Date.now(),
      placed.id,
    ]);
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${placed.id}/cancel`,
      headers: bearer(ali.token),
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'ORDER_NOT_CANCELLABLE',
      details: { reason: 'sent_to_mahak' },
    });
    const view = (
      await t.inject({ method: 'GET', url: `/api/v1/orders/${placed.id}`, headers: bearer(ali.token) })
    ).json<OrderView>();
    expect(view.status).toBe('placed');
    expect(await t.count('stock_reservations', 'order_id = ? AND released_at IS NULL', [placed.id])).toBe(1);
  });

  it('answers a bad body with 400 VALIDATION_FAILED listing the fields, and writes nothing', async () => {
    const tables = ['orders', 'order_lines', 'stock_reservations', 'push_outbox', 'payments'];
    const before = await Promise.all(tables.map((x) => t.count(x)));
    const res = await checkout(sara.token, {
      lines: [{ variantId: -1, quantity: 0 }],
      address: { ...address, postalCode: '123', mobile: 'no' },
      paymentMethod: 'bitcoin',
      surprise: true,
    });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    const fields = (error.details as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining([
        'lines.0.variantId',
        'lines.0.quantity',
        'address.postalCode',
        'address.mobile',
        'paymentMethod',
        'surprise',
      ]),
    );
    const badKey = await checkout(sara.token, checkoutBody([{ variantId: inStock.b, quantity: 1 }]), {
      'idempotency-key': 'has spaces',
    });
    expect(errorOf(badKey).code).toBe('VALIDATION_FAILED');
    expect(await Promise.all(tables.map((x) => t.count(x)))).toEqual(before);
  });
});
