import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_GENERATION,
  MAX_LINE_INDEX,
  MAX_REVISION,
  MAX_SEQUENCE,
  chequeClientId,
  isValidSequence,
  nextSafeGeneration,
  orderClientId,
  orderClientIds,
  orderDetailClientId,
  parseClientId,
  personClientId,
  receiptClientId,
} from './client-ids.js';

const letter = { person: 'p', order: 'o', orderDetail: 'd', receipt: 'r', cheque: 'c' } as const;

describe('client ids', () => {
  it('have a readable layout', () => {
    expect(orderClientId(0, 42)).toBe(2_000_000_000_000_042);
    expect(personClientId(3, 7)).toBe(1_030_000_000_000_007);
    expect(orderDetailClientId(0, 42, 1, 2)).toBe(3_000_000_004_201_002);
    expect(receiptClientId(0, 42, 1)).toBe(4_000_000_000_004_201);
    expect(chequeClientId(0, 42, 1)).toBe(5_000_000_000_004_201);
  });

  it('stay below 2^53 at every maximum', () => {
    const ids = [
      personClientId(MAX_GENERATION, MAX_SEQUENCE),
      orderDetailClientId(MAX_GENERATION, MAX_SEQUENCE, MAX_REVISION, MAX_LINE_INDEX),
      chequeClientId(MAX_GENERATION, MAX_SEQUENCE, MAX_REVISION),
    ];
    for (const id of ids) expect(Number.isSafeInteger(id)).toBe(true);
  });

  it('refuse out-of-range parts instead of wrapping into another id', () => {
    expect([0, 1, MAX_SEQUENCE, MAX_SEQUENCE + 1, 2.5].map(isValidSequence)).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(() => orderClientId(0, 0)).toThrow(RangeError);
    expect(() => orderClientId(0, MAX_SEQUENCE + 1)).toThrow(RangeError);
    expect(() => orderClientId(100, 1)).toThrow(RangeError);
    expect(() => orderDetailClientId(0, 1, 100, 0)).toThrow(RangeError);
    expect(() => orderDetailClientId(0, 1, 0, 1000)).toThrow(RangeError);
    expect(() => personClientId(0, 1.5)).toThrow(RangeError);
  });

  it('keep the OrderClientId across revisions but renew the children', () => {
    const first = orderClientIds(0, 9, 0, 2);
    const second = orderClientIds(0, 9, 1, 2);
    expect(second.order).toBe(first.order);
    expect(second.details.some((id) => first.details.includes(id))).toBe(false);
    expect(second.receipt).not.toBe(first.receipt);
  });

  it('never collide across kinds, generations, sequences, revisions and lines (property)', () => {
    // Small ranges plus the extremes, so equal parts (and near-misses at the digit borders) are common.
    const near = (min: number, max: number) =>
      fc.oneof(fc.integer({ min, max: min + 2 }), fc.constant(max), fc.integer({ min, max }));
    const part = fc.record({
      kind: fc.constantFrom('person', 'order', 'orderDetail', 'receipt', 'cheque'),
      generation: near(0, MAX_GENERATION),
      seq: near(1, MAX_SEQUENCE),
      revision: near(0, MAX_REVISION),
      line: near(0, MAX_LINE_INDEX),
    });
    const make = (p: { kind: string; generation: number; seq: number; revision: number; line: number }) => {
      switch (p.kind) {
        case 'person':
          return { key: `p/${p.generation}/${p.seq}`, id: personClientId(p.generation, p.seq) };
        case 'order':
          return { key: `o/${p.generation}/${p.seq}`, id: orderClientId(p.generation, p.seq) };
        case 'orderDetail':
          return {
            key: `d/${p.generation}/${p.seq}/${p.revision}/${p.line}`,
            id: orderDetailClientId(p.generation, p.seq, p.revision, p.line),
          };
        case 'receipt':
          return {
            key: `r/${p.generation}/${p.seq}/${p.revision}`,
            id: receiptClientId(p.generation, p.seq, p.revision),
          };
        default:
          return {
            key: `c/${p.generation}/${p.seq}/${p.revision}`,
            id: chequeClientId(p.generation, p.seq, p.revision),
          };
      }
    };
    fc.assert(
      fc.property(fc.array(part, { minLength: 2, maxLength: 40 }), (parts) => {
        const made = parts.map(make);
        const keyById = new Map<number, string>();
        for (const { key, id } of made) {
          expect(Number.isSafeInteger(id)).toBe(true);
          // parse is a left inverse of make, so make is injective: equal ids mean equal parts.
          const back = parseClientId(id)!;
          const parts = [back.generation, back.sequence, back.revision, back.lineIndex].filter(
            (x) => x !== undefined,
          );
          expect(`${letter[back.kind]}/${parts.join('/')}`).toBe(key);
          expect(keyById.get(id) ?? key).toBe(key);
          keyById.set(id, key);
        }
        expect(keyById.size).toBe(new Set(made.map((m) => m.key)).size);
      }),
      { numRuns: 1000 },
    );
  });

  it('parse back to their parts (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_GENERATION }),
        fc.integer({ min: 1, max: MAX_SEQUENCE }),
        fc.integer({ min: 0, max: MAX_REVISION }),
        fc.integer({ min: 0, max: MAX_LINE_INDEX }),
        (generation, sequence, revision, lineIndex) => {
          expect(parseClientId(orderDetailClientId(generation, sequence, revision, lineIndex))).toEqual({
            kind: 'orderDetail',
            generation,
            sequence,
            revision,
            lineIndex,
          });
          expect(parseClientId(personClientId(generation, sequence))).toEqual({
            kind: 'person',
            generation,
            sequence,
          });
        },
      ),
    );
  });

  it('do not parse ids of other clients', () => {
    expect(parseClientId(12345)).toBeUndefined();
    expect(parseClientId(9_000_000_000_000_001)).toBeUndefined();
  });
});

describe('nextSafeGeneration', () => {
  it('starts at 0 and goes above every generation Mahak already holds', () => {
    expect(nextSafeGeneration([])).toBe(0);
    expect(nextSafeGeneration([55, orderClientId(0, 3), personClientId(4, 1)])).toBe(5);
  });
  it('gives up when every generation is used', () => {
    expect(nextSafeGeneration([orderClientId(MAX_GENERATION, 1)])).toBeUndefined();
  });
});
