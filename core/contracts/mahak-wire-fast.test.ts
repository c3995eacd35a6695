import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pulledEntities, readBackEntities } from './mahak-wire.js';
import { passesUnchanged } from './mahak-wire-fast.js';
import { wireKinds, type WireKind } from './mahak-wire-primitives.js';

/**
 * The fast path may only take a record the schema would hand back unchanged: for any record, when it
 * says yes, zod accepts the record and hands it back as it went in (the fetcher sends the record on
 * instead of zod's copy).
 */
const schemas = Object.values({ ...pulledEntities, ...readBackEntities }).map(
  (e) => [e.collection, e.schema as z.ZodObject] as const,
);

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(2 ** 60),
  fc.boolean(),
  fc.constantFrom(0, 1, '0', '1', 'true', 'false', '12', ' 7 ', '3.5', '', 'x', 'نام'),
  fc.string(),
);

const typed: Record<WireKind, fc.Arbitrary<unknown>> = {
  int: fc.integer(),
  num: fc.double({ noNaN: true, noDefaultInfinity: true }),
  str: fc.string(),
  bool: fc.boolean(),
};

/** Mostly values of the field's own type (so both answers come up), sometimes anything. */
function fieldValue(field: z.ZodTypeAny) {
  const kind = wireKinds.get(field)?.kind;
  return kind
    ? fc.oneof({ arbitrary: typed[kind], weight: 12 }, { arbitrary: anyValue, weight: 1 })
    : anyValue;
}

function recordOf(schema: z.ZodObject) {
  const keys = Object.keys(schema.shape);
  const extras = fc.dictionary(
    fc.constantFrom('ConsumerPrice1', 'Extra', 'toString', '__proto__', 'x'),
    anyValue,
  );
  const values = keys.map((k) => fieldValue(schema.shape[k] as z.ZodTypeAny));
  return fc.tuple(fc.tuple(...values), extras).map(([values, more]) => {
    const r: Record<string, unknown> = JSON.parse(JSON.stringify(more)) as Record<string, unknown>;
    keys.forEach((k, i) => {
      if (values[i] !== undefined) r[k] = values[i];
    });
    return r;
  });
}

/** A record of the right types for every field (the usual case), so the yes branch is exercised. */
function cleanRecordOf(schema: z.ZodObject) {
  const keys = Object.keys(schema.shape);
  return fc.constant(null).map(() => {
    const r: Record<string, unknown> = { ConsumerPrice3: 0, Extra: 'x' };
    for (const k of keys) {
      const parsed = schema.shape[k].safeParse(7);
      r[k] = parsed.success ? 7 : schema.shape[k].safeParse('s').success ? 's' : false;
    }
    return r;
  });
}

describe.each(schemas)('wire fast path for %s', (_, schema) => {
  const check = (record: Record<string, unknown>) => {
    if (!passesUnchanged(schema, record)) return;
    const parsed = schema.safeParse(record);
    expect(parsed.success).toBe(true);
    const data = parsed.data as Record<string, unknown>;
    for (const key of Object.keys(schema.shape)) expect(data[key]).toBe(record[key]);
    expect(data).toStrictEqual(record);
  };

  it('takes only records zod hands back unchanged', () => {
    let taken = 0;
    fc.assert(
      fc.property(recordOf(schema), (record) => {
        if (passesUnchanged(schema, record)) taken++;
        check(record);
      }),
      { numRuns: 300 },
    );
    expect(taken).toBeGreaterThan(0);
  });

  it('takes a record of the final types, with unknown fields', () => {
    fc.assert(
      fc.property(cleanRecordOf(schema), (record) => {
        expect(passesUnchanged(schema, record)).toBe(true);
        check(record);
      }),
      { numRuns: 1 },
    );
  });

  it('leaves null, strings for numbers and a missing Deleted to zod', () => {
    const id = Object.keys(schema.shape)[0];
    expect(passesUnchanged(schema, { [id]: '5', RowVersion: 1, Deleted: false })).toBe(false);
    expect(passesUnchanged(schema, { [id]: 5, RowVersion: 1 })).toBe(false);
    expect(passesUnchanged(schema, { [id]: 5, RowVersion: 2 ** 60, Deleted: false })).toBe(false);
  });
});
