import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartView } from '../../core/contracts/carts.js';
import type { OrderView } from '../../core/contracts/orders.js';
import { markOrderSent } from '../../core/orders/order-sent.js';
import { checkoutBody, nextRowVersion, pullStock } from './order-fixtures.js';
import { bearer, drivers, startOrdersTestServer, type OrdersTestServer } from './orders-test-server.js';

/**
 * Quantity already sent to Mahak but not yet in a pulled stock row keeps counting; once a pull brings
 * the stock row with a RowVersion newer than the invoice, the row contains the sale and the
 * reservation stops counting (core/orders/stock-availability.ts).
 */
describe.each(drivers)('reservations of orders sent to Mahak on %s', (driver) => {
  let t: OrdersTestServer;
  let sara: { token: string; id: string };
  let cartId: string;

  beforeAll(async () => {
    t = await startOrdersTestServer({ driver });
    sara = await t.customer('09123456789');
    cartId = (
      await t.inject({ method: 'POST', url: '/api/v1/carts', headers: bearer(sara.token) })
    ).json<CartView>().id;
  });
  afterAll(() => t.close());

  /** What the storefront may still sell of a variant, as a cart shows it. */
  const available = async (variantId: number): Promise<number> => {
    const cart = (
      await t.inject({ method: 'GET', url: `/api/v1/carts/${cartId}`, headers: bearer(sara.token) })
    ).json<CartView>();
    let line = cart.lines.find((l) => l.variantId === variantId);
    if (!line) {
      const added = await t.inject({
        method: 'POST',
        url: `/api/v1/carts/${cartId}/lines`,
        headers: bearer(sara.token),
        payload: { variantId, quantity: 1 },
      });
      line = added.json<CartView>().lines.find((l) => l.variantId === variantId)!;
    }
    return line.availableQuantity;
  };
  const order = async (variantId: number, quantity: number) =>
    (
      await t.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: bearer(sara.token),
        payload: checkoutBody([{ variantId, quantity }]),
      })
    ).json<OrderView>();

  it('counts a sent order until a newer stock row arrives, then not twice', async () => {
    const placed = await order(10, 2);
    expect(await available(10)).toBe(3);
    const invoiceRowVersion = nextRowVersion();
    await t.storage.db.transaction((tx) =>
      markOrderSent(tx, placed.id, {
        mahakOrderId: 88_001,
        mahakRowVersion: invoiceRowVersion,
        now: Date.now(),
      }),
    );
    const view = (
      await t.inject({ method: 'GET', url: `/api/v1/orders/${placed.id}`, headers: bearer(sara.token) })
    ).json<OrderView>();
    expect(view).toMatchObject({ syncStatus: 'sent', mahakOrderId: 88_001 });
    expect(await available(10)).toBe(3);

    // A change Mahak made BEFORE the invoice (older RowVersion) does not contain the sale.
    await pullStock(t.storage, 10, 5, invoiceRowVersion - 1);
    expect(await available(10)).toBe(3);
    // Mahak's stock after the invoice: 5 - 2 = 3. Counting the reservation too would say 1.
    await pullStock(t.storage, 10, 3, nextRowVersion());
    expect(await available(10)).toBe(3);
    expect(await t.commerce.settleSentReservations()).toBe(1);
    expect(
      await t.count('stock_reservations', "order_id = ? AND release_reason = 'in_mahak_stock'", [placed.id]),
    ).toBe(1);
    expect(await available(10)).toBe(3);
  });

  it('falls back to our stock row version when the push only marked the outbox row sent', async () => {
    const placed = await order(30, 1);
    await t.storage.db.run("UPDATE push_outbox SET state = 'sent', sent_at = ? WHERE order_id = ?", [
      Date.now(),
      placed.id,
    ]);
    expect(await t.commerce.settleSentReservations()).toBe(0);
    expect(await available(30)).toBe(4);
    await pullStock(t.storage, 30, 4, nextRowVersion());
    expect(await available(30)).toBe(4);
    expect(await t.commerce.settleSentReservations()).toBe(1);
  });

  it('keeps counting an unsent order whatever the pull brings', async () => {
    await order(50, 2);
    await pullStock(t.storage, 50, 5, nextRowVersion());
    expect(await available(50)).toBe(3);
    expect(await t.commerce.settleSentReservations()).toBe(0);
  });
});
