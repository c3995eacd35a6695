import { describe, expect, it } from 'vitest';
import { en, fa } from '../i18n/common';
import { failureParts, reasonKindOf, type ReasonKind } from './failure-text';

describe('stored failure kinds', () => {
  const cases: [string, ReasonKind][] = [
    ['transient failure after 60 attempts: Mahak did not answer in time', 'timeout'],
    ['transient failure after 60 attempts: connect ECONNREFUSED 127.0.0.1:9', 'unreachable'],
    ['unknown failure after 1 attempts: HTTP 503 Service Unavailable', 'server'],
    ['unknown failure after 1 attempts: something odd', 'unclear'],
    ['payload rejected as invalid', 'invalid'],
    ['VALIDATION_FAILED: lines[0].quantity must be positive', 'invalid'],
    ['HTTP 404', 'notFound'],
    ['Mahak sent this picture without a Url', 'notFound'],
    ['MAHAK_REJECTED: Result false', 'refused'],
    ['محک درخواست را نپذیرفت', 'refused'],
    ['', 'other'],
  ];
  it.each(cases)('%s -> %s', (reason, kind) => {
    expect(reasonKindOf(reason)).toBe(kind);
  });

  it('has a Persian sentence (no Latin letters) and an English one for every kind', () => {
    for (const [, kind] of cases) {
      expect(fa.failure.kind[kind]).toMatch(/[\u0600-\u06ff]/);
      expect(fa.failure.kind[kind]).not.toMatch(/[A-Za-z0-9]/);
      expect(en.failure.kind[kind]).toMatch(/[A-Za-z]/);
    }
  });

  it("shows Mahak's Persian words in Persian, without the system's English frame or repeats", () => {
    const raw =
      'unknown failure after 1 attempts: محک برای این رکورد نتیجه‌ای برنگرداند; محک برای این رکورد نتیجه‌ای برنگرداند';
    expect(failureParts(raw, 'fa')).toEqual({
      kind: 'unclear',
      said: 'محک برای این رکورد نتیجه‌ای برنگرداند',
      technical: null,
    });
    expect(failureParts(raw, 'en').said).toBe('محک برای این رکورد نتیجه‌ای برنگرداند');
  });

  it('keeps English system text out of Persian: a kind sentence, the text only as technical detail', () => {
    const raw = 'transient failure after 60 attempts: connect ECONNREFUSED 127.0.0.1:9';
    expect(failureParts(raw, 'fa')).toEqual({ kind: 'unreachable', said: null, technical: raw });
    expect(failureParts(raw, 'en')).toEqual({
      kind: 'unreachable',
      said: 'connect ECONNREFUSED 127.0.0.1:9',
      technical: null,
    });
    // Persian with a field name in Latin letters is technical too: no English word inside a Persian line.
    expect(failureParts('VALIDATION_FAILED: کد کالا (ProductCode) تکراری است', 'fa').said).toBeNull();
    expect(failureParts('payload rejected as invalid', 'fa').said).toBeNull();
  });
});
