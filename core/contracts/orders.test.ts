import { describe, expect, it } from 'vitest';
import { checkoutRequestSchema, mobileSchema, postalCodeSchema } from './orders.js';

const address = {
  city: 'تبریز',
  address: 'خیابان امام، کوچه ششگلان، پلاک ۳',
  postalCode: '۵۱۳۶۷-۸۹۰۱۲',
  mobile: '۰۹۱۴ ۱۲۳ ۴۵۶۷',
  receiverName: 'علی رضایی',
};

describe('checkoutRequestSchema', () => {
  it('accepts lines with Persian digits in postal code and mobile, and normalises them', () => {
    const r = checkoutRequestSchema.parse({
      lines: [{ variantId: 501, quantity: 2, expectedUnitPrice: 12_500_000 }],
      address,
      paymentMethod: 'online',
    });
    expect(r.address.postalCode).toBe('5136789012');
    expect(r.address.mobile).toBe('09141234567');
  });

  it('accepts a cartId instead of lines', () => {
    expect(
      checkoutRequestSchema.safeParse({ cartId: 'cart-7', address, paymentMethod: 'cash_on_delivery' })
        .success,
    ).toBe(true);
  });

  it('refuses both lines and cartId, or neither', () => {
    const lines = [{ variantId: 1, quantity: 1 }];
    expect(
      checkoutRequestSchema.safeParse({ lines, cartId: 'x', address, paymentMethod: 'online' }).success,
    ).toBe(false);
    expect(checkoutRequestSchema.safeParse({ address, paymentMethod: 'online' }).success).toBe(false);
  });

  it('refuses zero, fractional and huge quantities, and a variant twice', () => {
    for (const quantity of [0, 1.5, 1001]) {
      const r = checkoutRequestSchema.safeParse({
        lines: [{ variantId: 1, quantity }],
        address,
        paymentMethod: 'online',
      });
      expect(r.success).toBe(false);
    }
    const twice = [
      { variantId: 1, quantity: 1 },
      { variantId: 1, quantity: 2 },
    ];
    expect(checkoutRequestSchema.safeParse({ lines: twice, address, paymentMethod: 'online' }).success).toBe(
      false,
    );
  });

  it('refuses unknown keys and an unknown payment method', () => {
    const lines = [{ variantId: 1, quantity: 1 }];
    expect(checkoutRequestSchema.safeParse({ lines, address, paymentMethod: 'crypto' }).success).toBe(false);
    expect(
      checkoutRequestSchema.safeParse({ lines, address, paymentMethod: 'online', coupon: 'X' }).success,
    ).toBe(false);
  });
});

describe('mobile and postal code', () => {
  it('reads +98 and 0098 prefixes', () => {
    expect(mobileSchema.parse('+98 912 123 4567')).toBe('09121234567');
    expect(mobileSchema.parse('00989121234567')).toBe('09121234567');
    expect(mobileSchema.safeParse('02112345678').success).toBe(false);
  });
  it('wants exactly 10 digits', () => {
    expect(postalCodeSchema.safeParse('۱۲۳۴۵').success).toBe(false);
    expect(postalCodeSchema.parse('١٤١٥٨٩٣٤٥٦')).toBe('1415893456');
  });
});
