import { describe, expect, it } from 'vitest';
import {
  classifyRecordFailure,
  classifyTransportFailure,
  decideAfterFailure,
  defaultFailurePolicy,
  isAlreadyRegistered,
  type RecordError,
} from './failure-classification.js';

const err = (Property: string | undefined, Error?: string, Code?: number): RecordError => ({
  Property,
  Error,
  Code,
});
const registered = 'این سفارش قبلا ثبت شده است و امکان ویرایش آن وجود ندارد';

describe('already registered', () => {
  it('is an OrderId error on an order whose message says «ثبت»', () => {
    expect(isAlreadyRegistered('order', err('OrderId', registered))).toBe(true);
    expect(classifyRecordFailure('order', [err('orderid', registered)])).toEqual({ kind: 'already_sent' });
  });

  it('is not "was not registered", nor another property, nor another record', () => {
    expect(isAlreadyRegistered('order', err('OrderId', 'سفارش ثبت نشد'))).toBe(false);
    expect(isAlreadyRegistered('order', err('OrderId', 'سفارش ثبت\u200cنشده است'))).toBe(false);
    expect(isAlreadyRegistered('order', err('Description', registered))).toBe(false);
    expect(isAlreadyRegistered('orderDetail', err('OrderId', registered))).toBe(false);
  });

  it('wins over other errors of the same record', () => {
    expect(
      classifyRecordFailure('order', [err('Price', 'قیمت نامعتبر'), err('OrderId', registered)]),
    ).toEqual({
      kind: 'already_sent',
    });
  });
});

describe('business rejections', () => {
  const cases: [string, Parameters<typeof classifyRecordFailure>[0], RecordError[], unknown][] = [
    ['deleted product', 'orderDetail', [err('ProductDetailId', 'کالا یافت نشد')], 'product_deleted'],
    ['deleted product by message', 'orderDetail', [err(undefined, 'كالا حذف شده است')], 'product_deleted'],
    ['price', 'orderDetail', [err('Price', 'قیمت تغییر کرده است')], 'price_changed'],
    ['stock', 'orderDetail', [err('Count1', 'موجودی کافی نیست')], 'stock_changed'],
    ['stock by message', 'orderDetail', [err('', 'موجودی کالا منفی می‌شود')], 'stock_changed'],
    ['person group', 'person', [err('PersonGroupId', 'گروه اشخاص یافت نشد')], 'missing_person_group'],
    ['person', 'person', [err('Mobile', 'شماره تکراری است')], 'person_rejected'],
    ['visitor link', 'visitorPerson', [err('VisitorId', 'بازاریاب نامعتبر')], 'person_rejected'],
    ['other property', 'order', [err('ShippingAddress', 'نامعتبر')], 'validation'],
  ];
  it.each(cases)('%s', (_name, role, errors, reason) => {
    expect(classifyRecordFailure(role, errors)).toEqual({ kind: 'dispute', reason });
  });

  it('names the dispute after the most specific error', () => {
    const errors = [err('Description', 'طولانی'), err('Count1', 'ناکافی'), err('Price', 'تغییر')];
    expect(classifyRecordFailure('orderDetail', errors)).toEqual({
      kind: 'dispute',
      reason: 'stock_changed',
    });
  });

  it('an unresolvable customer on an order is a dependency failure', () => {
    expect(classifyRecordFailure('order', [err('PersonClientId', 'شخص یافت نشد')])).toEqual({
      kind: 'dependency',
    });
  });

  it('no property and nothing recognisable is unknown', () => {
    expect(classifyRecordFailure('order', [err(undefined, 'خطای ناشناخته')])).toEqual({ kind: 'unknown' });
    expect(classifyRecordFailure('order', [])).toEqual({ kind: 'unknown' });
  });
});

describe('classifyTransportFailure', () => {
  it('treats Mahak outages, timeouts, 5xx and 429 as transient', () => {
    expect(classifyTransportFailure({ name: 'HamgamError', code: 'MAHAK_UNAVAILABLE' })).toBe('transient');
    expect(classifyTransportFailure({ code: 'ETIMEDOUT' })).toBe('transient');
    expect(classifyTransportFailure({ code: 'MAHAK_BAD_RESPONSE', details: { status: 502 } })).toBe(
      'transient',
    );
    expect(classifyTransportFailure({ response: { status: 429 } })).toBe('transient');
    expect(classifyTransportFailure({ name: 'TimeoutError' })).toBe('transient');
  });
  it('treats an invalid payload as poison and the rest as unknown', () => {
    expect(classifyTransportFailure({ code: 'VALIDATION_FAILED' })).toBe('poison');
    expect(classifyTransportFailure({ code: 'MAHAK_BAD_RESPONSE', details: { status: 400 } })).toBe(
      'unknown',
    );
    expect(classifyTransportFailure(new Error('boom'))).toBe('unknown');
    expect(classifyTransportFailure('string')).toBe('unknown');
  });
});

describe('decideAfterFailure', () => {
  const policy = { ...defaultFailurePolicy, backoff: { baseMs: 1000, maxMs: 60_000 } };
  it('retries with backoff, then dead-letters after the limit', () => {
    expect(decideAfterFailure('unknown', 1, policy)).toEqual({ action: 'retry', delayMs: 1000 });
    expect(decideAfterFailure('unknown', 3, policy)).toEqual({ action: 'retry', delayMs: 4000 });
    expect(decideAfterFailure('unknown', 5, policy)).toMatchObject({ action: 'dead_letter' });
  });
  it('gives transient failures a longer allowance', () => {
    expect(decideAfterFailure('transient', 5, policy)).toMatchObject({ action: 'retry', delayMs: 16_000 });
    expect(decideAfterFailure('transient', 60, policy)).toMatchObject({ action: 'dead_letter' });
  });
  it('dead-letters poison at once', () => {
    expect(decideAfterFailure('poison', 1, policy)).toMatchObject({ action: 'dead_letter' });
  });
});
