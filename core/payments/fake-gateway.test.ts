import { describe, expect, it } from 'vitest';
import { fakeChargedAmount, FakePaymentGateway, fakePaymentPage } from './fake-gateway.js';

describe('FakePaymentGateway', () => {
  const gateway = new FakePaymentGateway();

  it('sends the customer to its page on the callback host and carries the amount in the id', async () => {
    const created = await gateway.createPayment({
      orderId: 'o1',
      amount: 25_000_000,
      callbackUrl: 'https://shop.example/api/v1/payments/callback',
    });
    expect(created.redirectUrl).toBe(`https://shop.example/api/v1/payments/fake/${created.paymentId}`);
    expect(fakeChargedAmount(created.paymentId)).toBe(25_000_000);
  });

  it('verifies only a paid payment, idempotently, with a stable reference', async () => {
    const { paymentId } = await gateway.createPayment({
      orderId: 'o1',
      amount: 990,
      callbackUrl: 'http://h/',
    });
    const first = await gateway.verify({ paymentId, params: { status: 'ok' } });
    expect(first).toMatchObject({ ok: true, amount: 990 });
    expect(await gateway.verify({ paymentId, params: { status: 'ok' } })).toEqual(first);
    expect(await gateway.verify({ paymentId, params: { status: 'cancel' } })).toEqual({
      ok: false,
      amount: 0,
    });
    expect(await gateway.verify({ paymentId: 'zarinpal-A0001', params: { status: 'ok' } })).toEqual({
      ok: false,
      amount: 0,
    });
  });

  it('renders a Persian page with escaped links, and none for a foreign id', async () => {
    const { paymentId } = await gateway.createPayment({
      orderId: 'o1',
      amount: 12_500_000,
      callbackUrl: 'http://h/',
    });
    const page = fakePaymentPage(paymentId)!;
    expect(page).toContain('dir="rtl"');
    expect(page).toContain('۱٬۲۵۰٬۰۰۰ تومان');
    expect(page).toContain(`/api/v1/payments/callback?paymentId=${paymentId}&amp;status=ok`);
    expect(fakePaymentPage('<script>alert(1)</script>')).toBeUndefined();
  });
});
