import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderView, PushOrderPayload } from '../../core/contracts/orders.js';
import type { PaymentResult, StartPaymentResponse } from '../../core/contracts/payments.js';
import { FakePaymentGateway } from '../../core/payments/fake-gateway.js';
import type { VerifyInput, VerifyResult } from '../../core/payments/payment-gateway.js';
import { readJson } from '../../core/store/sql-values.js';
import { checkoutBody, inStock } from './order-fixtures.js';
import {
  bearer,
  errorOf,
  drivers,
  startOrdersTestServer,
  type OrdersTestServer,
} from './orders-test-server.js';

/** The fake gateway with a switch to misbehave, as real gateways sometimes do. */
class UnrulyGateway extends FakePaymentGateway {
  mode: 'normal' | 'short_amount' | 'unreachable_once' = 'normal';
  override async verify(input: VerifyInput): Promise<VerifyResult> {
    const result = await super.verify(input);
    if (this.mode === 'short_amount') return { ...result, amount: result.amount - 10 };
    if (this.mode === 'unreachable_once') {
      this.mode = 'normal';
      throw new Error('connect ETIMEDOUT gateway');
    }
    return result;
  }
}

const minutes = (n: number) => n * 60_000;

describe.each(drivers)('online payment on %s', (driver) => {
  let t: OrdersTestServer;
  let sara: { token: string; id: string };
  let ali: { token: string; id: string };
  const gateway = new UnrulyGateway();

  beforeAll(async () => {
    t = await startOrdersTestServer({ driver, gateway, config: { paymentTimeoutMinutes: 30 } });
    sara = await t.customer('09123456789');
    ali = await t.customer('09351112233', 'علی', 'رضایی');
  });
  afterAll(() => t.close());
  afterEach(() => {
    gateway.mode = 'normal';
  });

  const orderOnline = async (quantity = 1, variantId: number = inStock.a) => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: bearer(sara.token),
      payload: checkoutBody([{ variantId, quantity }], 'online'),
    });
    expect(res.statusCode).toBe(201);
    return res.json<OrderView>();
  };
  const pay = async (orderId: string, token = sara.token) =>
    t.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/pay`, headers: bearer(token) });
  const gatewayIdOf = (redirectUrl: string) =>
    decodeURIComponent(new URL(redirectUrl).pathname.split('/').at(-1)!);
  const callback = (gatewayId: string, status: string) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/payments/callback?paymentId=${encodeURIComponent(gatewayId)}&status=${status}`,
    });
  const view = async (id: string) =>
    (
      await t.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: bearer(sara.token) })
    ).json<OrderView>();
  const outbox = (orderId: string) =>
    t.storage.db.query<{ state: string; payload: string }>(
      "SELECT state, payload FROM push_outbox WHERE order_id = ? AND kind = 'order'",
      [orderId],
    );
  const reservationExpiry = async (orderId: string) =>
    (
      await t.storage.db.query<{ expires_at: number | null }>(
        'SELECT expires_at FROM stock_reservations WHERE order_id = ?',
        [orderId],
      )
    )[0]!.expires_at;

  it('pays through the fake gateway: placed, outbox released with the payment, idempotent callback', async () => {
    const order = await orderOnline(2);
    expect(order.status).toBe('awaiting_payment');
    expect((await outbox(order.id)).map((r) => r.state)).toEqual(['held']);
    expect(Number(await reservationExpiry(order.id))).toBe(t.clock.now + minutes(30));

    const started = await pay(order.id);
    expect(started.statusCode).toBe(201);
    const start = started.json<StartPaymentResponse>();
    expect(start.amount).toBe(order.totals.total);
    const page = await t.inject({ method: 'GET', url: new URL(start.redirectUrl).pathname });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('درگاه پرداخت آزمایشی');
    const payLink = /id="pay" href="([^"]+)"/.exec(page.body)![1]!.replace(/&amp;/g, '&');

    const done = await t.inject({ method: 'GET', url: payLink });
    expect(done.statusCode).toBe(200);
    const result = done.json<PaymentResult>();
    expect(result).toMatchObject({
      paymentId: start.paymentId,
      orderId: order.id,
      status: 'verified',
      orderStatus: 'placed',
      failureReason: null,
    });
    expect(result.reference).toMatch(/^FAKE-/);
    expect((await view(order.id)).status).toBe('placed');
    const [row] = await outbox(order.id);
    expect(row!.state).toBe('ready');
    const payload = readJson<PushOrderPayload>(row!.payload);
    expect(payload.payment).toEqual({
      method: 'online',
      paid: true,
      amount: order.totals.total,
      reference: result.reference,
      paidAt: new Date(t.clock.now).toISOString(),
    });
    // Paid: the reservation no longer expires.
    expect(await reservationExpiry(order.id)).toBeNull();

    const again = await t.inject({ method: 'GET', url: payLink });
    expect(again.json<PaymentResult>()).toEqual(result);
    expect(await t.count('push_outbox', 'order_id = ?', [order.id])).toBe(1);
    const cancelPaid = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel`,
      headers: bearer(sara.token),
    });
    expect(errorOf(cancelPaid)).toMatchObject({
      code: 'ORDER_NOT_CANCELLABLE',
      details: { reason: 'paid_online' },
    });
    expect(errorOf(await pay(order.id)).code).toBe('ORDER_NOT_PAYABLE');
  });

  it('leaves the order awaiting payment after a cancelled payment; a second try succeeds', async () => {
    const order = await orderOnline();
    const first = (await pay(order.id)).json<StartPaymentResponse>();
    const cancelled = await callback(gatewayIdOf(first.redirectUrl), 'cancel');
    expect(cancelled.json<PaymentResult>()).toMatchObject({
      status: 'failed',
      failureReason: 'declined',
      orderStatus: 'awaiting_payment',
    });
    expect((await outbox(order.id)).map((r) => r.state)).toEqual(['held']);
    expect(Number(await reservationExpiry(order.id))).toBe(t.clock.now + minutes(30));
    const second = (await pay(order.id)).json<StartPaymentResponse>();
    expect((await callback(gatewayIdOf(second.redirectUrl), 'ok')).json<PaymentResult>().orderStatus).toBe(
      'placed',
    );
  });

  it('refuses an amount other than the order total', async () => {
    const order = await orderOnline();
    const started = (await pay(order.id)).json<StartPaymentResponse>();
    gateway.mode = 'short_amount';
    const res = await callback(gatewayIdOf(started.redirectUrl), 'ok');
    expect(res.json<PaymentResult>()).toMatchObject({
      status: 'failed',
      failureReason: 'amount_mismatch',
      orderStatus: 'awaiting_payment',
    });
    expect((await outbox(order.id)).map((r) => r.state)).toEqual(['held']);
  });

  it('only starts payments of own unpaid online orders', async () => {
    const cod = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: bearer(sara.token),
      payload: checkoutBody([{ variantId: inStock.b, quantity: 1 }]),
    });
    expect(errorOf(await pay(cod.json<OrderView>().id)).code).toBe('ORDER_NOT_PAYABLE');
    const order = await orderOnline(1, inStock.b);
    expect((await pay(order.id, ali.token)).statusCode).toBe(404);
    expect((await callback('fake-100-00000000-0000-0000-0000-000000000000', 'ok')).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/api/v1/payments/fake/%3Cscript%3E' })).statusCode).toBe(
      404,
    );
  });

  it('expires an unpaid order after the timeout: stock released, outbox cancelled, customer told', async () => {
    const order = await orderOnline(1, inStock.c);
    const started = (await pay(order.id)).json<StartPaymentResponse>();
    t.clock.advance(minutes(29));
    expect(await t.commerce.expireUnpaidOrders()).not.toContain(order.id);
    t.clock.advance(minutes(2));
    // (Earlier tests' unpaid orders expire in the same sweep.)
    expect(await t.commerce.expireUnpaidOrders()).toContain(order.id);
    expect((await view(order.id)).status).toBe('cancelled');
    expect(await t.count('stock_reservations', 'order_id = ? AND released_at IS NULL', [order.id])).toBe(0);
    expect((await outbox(order.id)).map((r) => r.state)).toEqual(['cancelled']);
    expect(t.sms.lastTo('09123456789')?.text).toMatch(
      /سفارش شمارهٔ [۰-۹]+ به دلیل پرداخت‌نشدن در مهلت مقرر لغو شد/,
    );
    // The customer pays at the gateway anyway: never verified (the gateway returns the money).
    const late = await callback(gatewayIdOf(started.redirectUrl), 'ok');
    expect(late.json<PaymentResult>()).toMatchObject({
      status: 'failed',
      failureReason: 'order_cancelled',
      orderStatus: 'cancelled',
    });
    expect(await t.commerce.expireUnpaidOrders()).not.toContain(order.id);
  });

  it('does not verify a payment that comes back after the deadline, before the sweep', async () => {
    const order = await orderOnline(1, inStock.c);
    const started = (await pay(order.id)).json<StartPaymentResponse>();
    t.clock.advance(minutes(31));
    const res = await callback(gatewayIdOf(started.redirectUrl), 'ok');
    expect(res.json<PaymentResult>()).toMatchObject({
      status: 'failed',
      failureReason: 'order_expired',
      orderStatus: 'cancelled',
    });
    expect(await t.count('stock_reservations', 'order_id = ? AND released_at IS NULL', [order.id])).toBe(0);
  });

  it('recovers a verification cut short by an unreachable gateway', async () => {
    const order = await orderOnline(1, inStock.b);
    const started = (await pay(order.id)).json<StartPaymentResponse>();
    gateway.mode = 'unreachable_once';
    const res = await callback(gatewayIdOf(started.redirectUrl), 'ok');
    expect(errorOf(res)).toMatchObject({
      code: 'PAYMENT_FAILED',
      details: { reason: 'gateway_unreachable' },
    });
    // Claimed: the deadline passes, yet the order is neither expired nor its stock given away.
    t.clock.advance(minutes(31));
    expect(await reservationExpiry(order.id)).toBeNull();
    const recovered = await t.commerce.expireUnpaidOrders();
    expect(recovered).not.toContain(order.id);
    expect((await view(order.id)).status).toBe('placed');
    expect((await outbox(order.id)).map((r) => r.state)).toEqual(['ready']);
  });
});

describe('checkout and payment rate limits', () => {
  let t: OrdersTestServer;
  beforeAll(async () => {
    t = await startOrdersTestServer({ rateLimitPerMinute: 600 });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED after 30 checkouts a minute from one address', async () => {
    const { token } = await t.customer('09120000001');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: bearer(token),
        payload: {},
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(await t.count('orders')).toBe(0);
  });

  it('refuses oversized bodies with 413 PAYLOAD_TOO_LARGE', async () => {
    const json = { 'content-type': 'application/json' };
    const cart = await t.inject({
      method: 'POST',
      url: '/api/v1/carts',
      headers: json,
      payload: JSON.stringify({ pad: 'x'.repeat(8 * 1024) }),
    });
    expect(cart.statusCode).toBe(413);
    expect(errorOf(cart).code).toBe('PAYLOAD_TOO_LARGE');
    const { token } = await t.customer('09120000002');
    // Another address: the test above used up this one's checkout quota.
    const order = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      remoteAddress: '10.0.0.9',
      headers: { ...json, ...bearer(token) },
      payload: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
    });
    expect(errorOf(order).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
