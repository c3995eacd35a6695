import { describe, expect, it } from 'vitest';
import { en, fa } from './i18n';
import { reasonKindOf, type ReasonKind } from './reason-kind';

describe('dead-letter reason kinds', () => {
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
      expect(fa.reasonKind[kind]).toMatch(/[\u0600-\u06ff]/);
      expect(fa.reasonKind[kind]).not.toMatch(/[A-Za-z0-9]/);
      expect(en.reasonKind[kind]).toMatch(/[A-Za-z]/);
    }
  });
});
