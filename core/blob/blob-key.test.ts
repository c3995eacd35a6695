import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { assertBlobKey, blobKeyProblem } from './blob-key.js';

describe('blob key guard', () => {
  it('accepts plain relative keys', () => {
    for (const key of ['sha256/ab/cd/' + 'e'.repeat(64) + '.png', 'misc/a_b-c.1.bin', 'x'])
      expect(blobKeyProblem(key)).toBeUndefined();
  });

  it.each([
    ['..', 'dot segment'],
    ['a/../b', 'dot segment'],
    ['./a', 'dot segment'],
    ['/etc/passwd', 'absolute path'],
    ['C:/Windows/x', 'absolute path'],
    ['c:x', 'absolute path'],
    ['a\\..\\b', 'backslash'],
    ['', 'empty'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['.meta/x', 'bad segment ".meta"'],
    ['a/b c', 'bad segment "b c"'],
    ['a/\0b', 'bad segment "\0b"'],
    ['a/%2e%2e', 'bad segment "%2e%2e"'],
    ['x'.repeat(513), 'longer than 512 characters'],
  ])('rejects %j (%s)', (key, problem) => {
    expect(blobKeyProblem(key)).toBe(problem);
    expect(() => assertBlobKey(key)).toThrow(HamgamError);
  });

  it('never lets an accepted key resolve outside the root (property)', () => {
    const root = resolve('/srv/blobs');
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', 'a', 'b.png', '.hidden', '\\', 'C:'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (segments, leadingSlash) => {
          const key = (leadingSlash ? '/' : '') + segments.join('/');
          if (blobKeyProblem(key) !== undefined) return;
          expect(join(root, ...key.split('/')).startsWith(root + sep)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
