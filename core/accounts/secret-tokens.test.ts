import { describe, expect, it } from 'vitest';
import { hmacHex, newOpaqueToken, newOtpCode, sameHex, sha256Hex } from './secret-tokens.js';

describe('secret tokens', () => {
  it('opaque tokens are 256-bit base64url and never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newOpaqueToken()));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('OTP codes are six ASCII digits with leading zeros kept, spread over the whole range', () => {
    const codes = Array.from({ length: 5000 }, newOtpCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    const firstDigits = new Set(codes.map((c) => c[0]));
    expect(firstDigits.size).toBe(10); // '0' included: codes below 100000 are padded, not skipped
  });

  it('hashes are hex sha256 / HMAC-sha256, the HMAC depending on its key', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hmacHex('k1', 'otp:09123456789:123456')).not.toBe(hmacHex('k2', 'otp:09123456789:123456'));
    expect(hmacHex('k1', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sameHex compares digests, refusing different lengths and empty values', () => {
    const a = sha256Hex('a');
    expect(sameHex(a, sha256Hex('a'))).toBe(true);
    expect(sameHex(a, sha256Hex('b'))).toBe(false);
    expect(sameHex(a, a.slice(0, 32))).toBe(false);
    expect(sameHex('', '')).toBe(false);
  });
});
