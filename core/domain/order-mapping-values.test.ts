import { describe, expect, it } from 'vitest';
import {
  PushProblemError,
  foldArabicLetters,
  fromMahakMoney,
  mahakLocalDateTime,
  shippingAddressJson,
  toMahakMoney,
} from './order-mapping-values.js';

describe('toMahakMoney', () => {
  it('keeps rial and divides toman by ten', () => {
    expect(toMahakMoney(12_500_000, 'rial', 'x')).toBe(12_500_000);
    expect(toMahakMoney(12_500_000, 'toman', 'x')).toBe(1_250_000);
    expect(fromMahakMoney(1_250_000, 'toman')).toBe(12_500_000);
  });

  it('refuses a rial amount that is not whole toman, with a clear code and the field', () => {
    try {
      toMahakMoney(12_500_005, 'toman', 'lines[0].unitPrice');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PushProblemError);
      expect((e as PushProblemError).problem).toMatchObject({
        code: 'PUSH_AMOUNT_NOT_CONVERTIBLE',
        details: { field: 'lines[0].unitPrice', rial: 12_500_005 },
      });
    }
  });

  it('refuses negative and fractional amounts', () => {
    expect(() => toMahakMoney(-10, 'rial', 'x')).toThrow(PushProblemError);
    expect(() => toMahakMoney(10.5, 'rial', 'x')).toThrow(PushProblemError);
  });
});

describe('mahakLocalDateTime', () => {
  it('writes Tehran wall-clock time without a zone', () => {
    expect(mahakLocalDateTime('2025-03-10T08:15:00Z', 'Asia/Tehran')).toBe('2025-03-10T11:45:00');
    expect(mahakLocalDateTime('2025-03-10T22:00:00Z', 'Asia/Tehran')).toBe('2025-03-11T01:30:00');
  });
  it('refuses garbage', () => {
    expect(() => mahakLocalDateTime('دیروز', 'Asia/Tehran')).toThrow(PushProblemError);
  });
});

describe('text', () => {
  it('folds Arabic kaf and yeh but keeps ZWNJ', () => {
    expect(foldArabicLetters(' فاطمه  كريمي ')).toBe('فاطمه کریمی');
    expect(foldArabicLetters('می\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('builds ShippingAddress as a JSON string with the keys Mahak reads', () => {
    const json = shippingAddressJson({
      title: 'محل كار',
      province: 'آذربایجان شرقی',
      city: 'تبریز',
      address: 'خیابان امام، پلاک ۳',
      postalCode: '5136789012',
      mobile: '09141234567',
      receiverName: 'علی رضایی',
      cityId: 41,
    });
    expect(JSON.parse(json)).toEqual({
      title: 'محل کار',
      description: 'گیرنده: علی رضایی',
      address: 'آذربایجان شرقی، تبریز، خیابان امام، پلاک ۳',
      postalcode: '5136789012',
      tel: '',
      mobile: '09141234567',
      cityid: 41,
    });
  });
});
