import { createHash, randomUUID } from 'node:crypto';
import type {
  CreatedPayment,
  CreatePaymentInput,
  PaymentGateway,
  VerifyInput,
  VerifyResult,
} from './payment-gateway.js';

/** Where the fake "bank" page and the callback live (payment-routes.ts). */
export const fakePagePath = (paymentId: string): string =>
  `/api/v1/payments/fake/${encodeURIComponent(paymentId)}`;
export const callbackPath = '/api/v1/payments/callback';

const idPattern = /^fake-(\d{1,16})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The amount the fake bank charges, read back from its payment id; undefined for a foreign id. */
export function fakeChargedAmount(paymentId: string): number | undefined {
  const match = idPattern.exec(paymentId);
  return match ? Number(match[1]) : undefined;
}

/**
 * The development gateway: a real little round trip without a bank. It keeps no state (several
 * server instances and restarts are fine): the payment id carries the amount it "charges", the page
 * offers pay / cancel links to the callback, and verify() says yes when the customer chose pay.
 * Never for a live shop: nothing is charged.
 */
export class FakePaymentGateway implements PaymentGateway {
  readonly name = 'fake';

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const paymentId = `fake-${input.amount}-${randomUUID()}`;
    return { paymentId, redirectUrl: new URL(fakePagePath(paymentId), input.callbackUrl).toString() };
  }

  async verify(input: VerifyInput): Promise<VerifyResult> {
    const amount = fakeChargedAmount(input.paymentId);
    if (amount === undefined || input.params.status !== 'ok') return { ok: false, amount: 0 };
    // The same payment always gets the same tracking code: verify is idempotent, as real gateways are.
    const reference = `FAKE-${createHash('sha256').update(input.paymentId).digest('hex').slice(0, 10).toUpperCase()}`;
    return { ok: true, reference, amount };
  }
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The fake bank's page (Persian, right to left); undefined for an id the fake did not make. */
export function fakePaymentPage(paymentId: string): string | undefined {
  const amount = fakeChargedAmount(paymentId);
  if (amount === undefined) return undefined;
  const link = (status: string) =>
    escapeHtml(`${callbackPath}?paymentId=${encodeURIComponent(paymentId)}&status=${status}`);
  const toman = new Intl.NumberFormat('fa-IR').format(Math.floor(amount / 10));
  return `<!doctype html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>درگاه پرداخت آزمایشی</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto">
<h1>درگاه پرداخت آزمایشی همگام</h1>
<p>این درگاه فقط برای آزمایش است و هیچ پولی برداشت نمی‌شود.</p>
<p>مبلغ: <strong>${toman} تومان</strong></p>
<p><a id="pay" href="${link('ok')}">پرداخت</a> · <a id="cancel" href="${link('cancel')}">انصراف</a></p>
</body></html>`;
}
