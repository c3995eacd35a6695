import { describe, expect, it } from 'vitest';
import { isHamgamError } from '../errors.js';
import { decodeOrderCursor, encodeOrderCursor } from './order-list.js';

describe('order list cursor', () => {
  it('round-trips the last (created_at, id) of a page', () => {
    const t = 1_741_592_100_000;
    expect(decodeOrderCursor(encodeOrderCursor(t, 'a3f0c2de-1111-4222-8333-944455556666'))).toEqual({
      t,
      id: 'a3f0c2de-1111-4222-8333-944455556666',
    });
  });

  it('refuses a cursor it did not make with VALIDATION_FAILED', () => {
    for (const bad of ['nonsense', Buffer.from('{"t":"x","id":1}').toString('base64url'), '']) {
      try {
        decodeOrderCursor(bad);
        expect.unreachable();
      } catch (e) {
        expect(isHamgamError(e) && e.code).toBe('VALIDATION_FAILED');
      }
    }
  });
});
