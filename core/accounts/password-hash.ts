import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt from node:crypto (no native dependency). The stored string describes
 * itself — `scrypt$N$r$p$<salt base64>$<hash base64>` — so the cost can be raised later and old
 * hashes still verify with the parameters they were made with.
 *
 * N = 2^15, r = 8, p = 1 needs 32 MiB and ~100-200 ms per hash on a shop PC: slow enough to make
 * guessing a stolen hash expensive, fast enough for a sign-in. The route rate limit bounds how many
 * a client can make us compute.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const saltBytes = 16;
const keyBytes = 32;
/** Highest cost we accept from a stored string: a corrupted row must not make us allocate gigabytes. */
const maxN = 2 ** 20;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is exactly 2^15 * 8 * 128, too tight.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(
  password: string,
  params: ScryptParams = defaultScryptParams,
): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

/** Undefined when the string is not a hash this module wrote (then nothing verifies against it). */
export function parsePasswordHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > maxN || !Number.isInteger(r) || r < 1 || r > 32) return undefined;
  if (!Number.isInteger(p) || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length !== keyBytes) return undefined;
  return { params: { N, r, p }, salt, key };
}

/** Constant-time compare of the derived key; false (never a throw) for a malformed stored value. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

let dummyHash: Promise<string> | undefined;

function standInHash(): Promise<string> {
  dummyHash ??= hashPassword('hamgam: no such account');
  return dummyHash;
}

/** Computes the stand-in hash ahead of the first sign-in (the first unknown account would pay for it). */
export async function warmDummyHash(): Promise<void> {
  await standInHash();
}

/**
 * Checks a password against an account's stored hash, or, when there is no account (or it has no
 * password), against a stand-in hash: the answer takes the same time either way, so timing does not
 * reveal which mobile numbers or usernames exist. Always false without an account.
 */
export async function checkPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (stored) return verifyPassword(password, stored);
  await verifyPassword(password, await standInHash());
  return false;
}
