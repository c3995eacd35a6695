import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, parsePasswordHash, verifyPassword } from './password-hash.js';

describe('password hashes', () => {
  it('are self-describing scrypt strings: N=2^15, r=8, p=1, 16-byte salt, 32-byte key', async () => {
    const stored = await hashPassword('گل‌سرخ-۱۴۰۳');
    const [alg, n, r, p, salt, key] = stored.split('$');
    expect([alg, n, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  });

  it('verify the same password and nothing else', async () => {
    const stored = await hashPassword('sara-1403-secret');
    expect(await verifyPassword('sara-1403-secret', stored)).toBe(true);
    expect(await verifyPassword('sara-1403-Secret', stored)).toBe(false);
    expect(await verifyPassword('sara-1403-secret ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('are salted: one password hashes differently each time, and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', b)).toBe(true);
  });

  it('verify with the parameters they were made with (a later cost change keeps old hashes valid)', async () => {
    const cheap = await hashPassword('old-account-pass', { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('old-account-pass', cheap)).toBe(true);
  });

  it('fold Unicode forms: a precomposed and a decomposed password are the same password', async () => {
    const stored = await hashPassword('caf\u00e9-password');
    expect(await verifyPassword('cafe\u0301-password', stored)).toBe(true);
  });

  it('refuse malformed or dangerous stored values without throwing', async () => {
    const good = await hashPassword('x-password');
    const [, , , , salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain-text-password',
      `bcrypt$32768$8$1$${salt}$${key}`,
      `scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 24}$8$1$${salt}$${key}`, // would allocate gigabytes
      `scrypt$32768$8$1$${salt}$${key.slice(0, 20)}`,
    ]) {
      expect(parsePasswordHash(bad)).toBeUndefined();
      expect(await verifyPassword('x-password', bad)).toBe(false);
    }
  });

  it('checkPassword spends a hash even without an account, and then says no', async () => {
    const started = performance.now();
    expect(await checkPassword('anything-at-all', undefined)).toBe(false);
    expect(await checkPassword('anything-at-all', null)).toBe(false);
    // Two scrypt runs at N=2^15 cannot finish in a couple of milliseconds.
    expect(performance.now() - started).toBeGreaterThan(10);
    expect(await checkPassword('x-password', await hashPassword('x-password'))).toBe(true);
  });
});
