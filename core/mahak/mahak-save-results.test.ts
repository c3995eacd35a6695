import { describe, expect, it } from 'vitest';
import { entityUpdateResultWire } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import { alignResults, readSaveResults } from './mahak-save-results.js';

const ok = (o: Record<string, unknown>) => entityUpdateResultWire.parse({ Result: true, ...o });

describe('alignResults', () => {
  it('matches results to inputs by Index whatever their order', () => {
    const aligned = alignResults(3, [
      ok({ Index: 2, EntityId: 30 }),
      ok({ Index: 0, EntityId: 10 }),
      ok({ Index: 1, EntityId: 20 }),
    ]);
    expect(aligned.map((r) => r.EntityId)).toEqual([10, 20, 30]);
  });

  it('falls back to position when Index is missing, without stealing a named slot', () => {
    const aligned = alignResults(3, [
      ok({ EntityId: 10 }),
      ok({ Index: 0, EntityId: 99 }),
      ok({ EntityId: 30 }),
    ]);
    expect(aligned.map((r) => r.EntityId)).toEqual([99, undefined, 30]);
    expect(aligned[1]).toMatchObject({ Result: false, Missing: true, Index: 1 });
  });

  it('marks inputs without a result as Missing and drops out-of-range or duplicate results', () => {
    const aligned = alignResults(2, [
      ok({ Index: 5, EntityId: 1 }),
      ok({ Index: 0, EntityId: 2 }),
      ok({ Index: 0, EntityId: 3 }),
    ]);
    expect(aligned[0].EntityId).toBe(2);
    expect(aligned[1]).toMatchObject({ Result: false, Missing: true });
  });
});

describe('readSaveResults', () => {
  it('reads per-record results case-insensitively, Persian errors included', () => {
    const sent = {
      Orders: [{ OrderClientId: 1 }, { OrderClientId: 2 }],
      OrderDetails: [{ OrderDetailClientId: 11 }],
    };
    const objects = {
      Orders: {
        results: [
          {
            index: 1,
            result: false,
            errors: [{ property: 'OrderId', code: 5, error: 'این سفارش قبلاً ثبت شده و قابل ویرایش نیست' }],
          },
          { INDEX: 0, Result: true, EntityId: 501, EntityClientId: '1', RowVersion: 4_294_967_300 },
        ],
      },
      OrderDetails: null,
    };
    const results = readSaveResults(sent, objects, 'SaveAllData');
    expect(results.Orders?.[0]).toMatchObject({
      Result: true,
      EntityId: 501,
      EntityClientId: 1,
      RowVersion: 4_294_967_300,
      Errors: [],
    });
    expect(results.Orders?.[1].Errors).toEqual([
      { Property: 'OrderId', Code: 5, Error: 'این سفارش قبلاً ثبت شده و قابل ویرایش نیست' },
    ]);
    expect(results.OrderDetails).toEqual([expect.objectContaining({ Missing: true })]);
  });

  it('refuses a malformed result as MAHAK_BAD_RESPONSE', () => {
    try {
      readSaveResults({ People: [{}] }, { People: { Results: [{ Result: 'yes' }] } }, 'SaveAllData');
      expect.unreachable();
    } catch (e) {
      expect((e as HamgamError).code).toBe('MAHAK_BAD_RESPONSE');
    }
  });
});
