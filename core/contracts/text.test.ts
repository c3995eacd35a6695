import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerRequestSchema, addressCreateSchema } from './accounts.js';
import { checkoutRequestSchema } from './orders.js';
import { normaliseText, textField, textProblem } from './text.js';

const name = textField({ max: 100 });
const note = textField({ min: 0, max: 1000, multiLine: true });

/** Text that is valid: letters (Persian, Latin, digits), spaces, ZWNJ between letters. */
const goodText = fc
  .array(
    fc.constantFrom('س', 'ا', 'ر', 'ي', 'ك', 'ی', 'ک', 'a', 'Z', '۱', '3', ' ', 'ه\u200Cای', 'é', 'e\u0301'),
    {
      minLength: 1,
      maxLength: 40,
    },
  )
  .map((parts) => `x${parts.join('')}`);

const bad = ['\u0000', '\u001B[31m', '\u009B2J', '\u0007', '\u007F', '\uD800', 'a\uDC00b'];
const invisibleOnly = ['\u202E', '\u200B\u200B', '\u200F\u202D\u2066', '\uFEFF', '\u200C \u200D'];

describe('the text primitive (issue 11, finding 5)', () => {
  it('normalises valid text to NFC with Persian letters, idempotently', () => {
    fc.assert(
      fc.property(goodText, (value) => {
        const out = name.safeParse(value);
        if (!out.success) return value.trim().length > 100;
        expect(out.data).toBe(out.data.normalize('NFC'));
        expect(out.data).not.toMatch(/[يك]/);
        expect(name.parse(out.data)).toBe(out.data);
        return true;
      }),
    );
  });

  it('refuses any text containing a control character, escape sequence or lone surrogate', () => {
    fc.assert(
      fc.property(goodText, fc.constantFrom(...bad), goodText, (before, evil, after) => {
        const res = note.safeParse(`${before}${evil}${after}`);
        expect(res.success).toBe(false);
        expect(JSON.stringify(res.error?.issues)).toContain('text_invalid');
      }),
    );
  });

  it('refuses text made only of bidi overrides or zero-width characters, accepts them inside words', () => {
    for (const value of invisibleOnly)
      expect(name.safeParse(value).success, JSON.stringify(value)).toBe(false);
    expect(name.parse('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(textProblem('خیابان\nکوچه', true)).toBeUndefined();
    expect(textProblem('خیابان\nکوچه')).toBeDefined();
  });

  it('keeps any string of letters apart from the mapping (no other change)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        if (textProblem(value) !== undefined) return true;
        expect(normaliseText(value)).toBe(
          value.normalize('NFC').replace(/ي|ى/g, 'ی').replace(/ك/g, 'ک').trim(),
        );
        return true;
      }),
    );
  });

  it('is what the registration, address and checkout contracts use', () => {
    const reg = registerRequestSchema.safeParse({
      mobile: '09123456789',
      password: 'a-long-password',
      firstName: 'علي\u0000',
      lastName: 'x',
    });
    expect(reg.success).toBe(false);
    const address = addressCreateSchema.parse({
      title: 'خانه',
      province: 'تهران',
      city: 'تهران',
      address: 'كوچه\nپلاک ۱',
      postalCode: '1314567890',
      receiverName: 'علي',
      mobile: '09123456789',
    });
    expect(address).toMatchObject({ address: 'کوچه\nپلاک ۱', receiverName: 'علی' });
    const checkout = checkoutRequestSchema.safeParse({
      lines: [{ variantId: 1, quantity: 1 }],
      address: {
        city: '\u202E',
        address: 'a',
        postalCode: '1314567890',
        mobile: '09123456789',
        receiverName: 'b',
      },
      paymentMethod: 'cash_on_delivery',
      note: '\u001B]0;pwned\u0007',
    });
    expect(checkout.success).toBe(false);
    expect(checkout.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['address.city', 'note']);
  });
});
