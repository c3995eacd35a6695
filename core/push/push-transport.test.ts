import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { transportClass } from './push-transport.js';

describe('transportClass', () => {
  it('takes a body cut short (bad JSON) as transient, other bad responses as unknown', () => {
    expect(transportClass(new HamgamError('MAHAK_BAD_RESPONSE', 'cut', { kind: 'bad-json' }))).toBe(
      'transient',
    );
    expect(transportClass(new HamgamError('MAHAK_BAD_RESPONSE', 'odd', { reason: 'no Objects' }))).toBe(
      'unknown',
    );
  });

  it('keeps the domain rules otherwise: outages are transient, invalid payloads poison', () => {
    expect(transportClass(new HamgamError('MAHAK_UNAVAILABLE', 'down', { status: 503 }))).toBe('transient');
    expect(transportClass(new HamgamError('VALIDATION_FAILED', 'bad'))).toBe('poison');
  });
});
