import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBuffer } from './json-body.js';

/** JSON.parse's answer, or the fact that it refused. */
function reference(bytes: Buffer): { value: unknown } | 'refused' {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (e) {
    expect(e).toBeInstanceOf(SyntaxError);
    return 'refused';
  }
}

function split(bytes: Buffer): { value: unknown } | 'refused' {
  try {
    return { value: parseJsonBuffer(bytes, 0) };
  } catch (e) {
    expect(e).toBeInstanceOf(SyntaxError);
    return 'refused';
  }
}

const persian = fc.constantFrom(
  'کالای',
  'ی',
  'ي',
  'ك',
  '۱۲۳',
  '\u200c',
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  ' ',
);
const text = fc.oneof(
  fc.string(),
  fc.array(persian).map((a) => a.join('')),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value')),
    fc.dictionary(fc.oneof(text, fc.constant('__proto__')), tie('value')),
  ),
})).value;

describe('parseJsonBuffer', () => {
  it('gives what JSON.parse gives, for any JSON in any layout', () => {
    fc.assert(
      fc.property(json, fc.constantFrom(undefined, 0, 2, '\t'), (value, indent) => {
        const bytes = Buffer.from(JSON.stringify(value, null, indent));
        expect(split(bytes)).toEqual(reference(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses exactly what JSON.parse refuses: cut, spliced or broken bodies', () => {
    fc.assert(
      fc.property(
        json,
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', '\\', ':', 'x', '\u00ff'),
        (value, at, junk) => {
          const full = Buffer.from(JSON.stringify({ Data: { Objects: { Rows: [value, value] } } }));
          const cut = at % (full.length + 1);
          const broken = Buffer.concat([full.subarray(0, cut), Buffer.from(junk), full.subarray(cut + 1)]);
          expect(split(broken)).toEqual(reference(broken));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps __proto__ an own key and decodes invalid UTF-8 as toString does', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"__proto__":{"x":1},"a":["'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('", {"b":"'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('"}]}'),
    ]);
    const value = parseJsonBuffer(bytes, 0) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value).toEqual(JSON.parse(bytes.toString('utf8')));
  });

  it('parses a page of a thousand records as JSON.parse does', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      ProductId: i,
      Name: `کالای «${i}»`,
      Tags: ['a', { b: '}' }],
    }));
    const body = Buffer.from(JSON.stringify({ Result: true, Data: { Objects: { Products: records } } }));
    expect(body.length).toBeGreaterThan(64 * 1024);
    expect(parseJsonBuffer(body)).toEqual(JSON.parse(body.toString('utf8')));
  });
});
