import { HamgamError } from '../errors.js';

// A key is a relative, slash-separated path of plain segments. Checked by every driver so that a key
// means the same thing on disk and in a bucket, and so the folder driver can never be walked out of
// its root. Segments starting with '.' are refused too: that rules out '.' and '..', and keeps the
// folder driver's own '.tmp' and '.meta' trees out of reach of any key.
const segmentPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const maxKeyLength = 512;

/** Throws VALIDATION_FAILED unless `key` is a safe relative blob key like `sha256/ab/cd/<hash>.png`. */
export function assertBlobKey(key: string): void {
  const problem = blobKeyProblem(key);
  if (problem)
    throw new HamgamError('VALIDATION_FAILED', `Invalid blob key: ${problem}`, {
      key: key.slice(0, 100),
      problem,
    });
}

export function blobKeyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'empty';
  if (key.length > maxKeyLength) return `longer than ${maxKeyLength} characters`;
  if (key.includes('\\')) return 'backslash';
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return 'absolute path';
  const bad = key.split('/').find((s) => !segmentPattern.test(s));
  if (bad === undefined) return undefined;
  if (bad === '..' || bad === '.') return 'dot segment';
  if (bad === '') return 'empty segment';
  return `bad segment "${bad.slice(0, 40)}"`;
}
