import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobKeyProblem } from './blob-key.js';
import { contentKey, contentTypeOfKey, extensionOf, normaliseContentType } from './content-key.js';

describe('contentKey', () => {
  it('is sha256 of the bytes, fanned out two levels, with the extension of the content type', () => {
    const bytes = Buffer.from('عکس کالا', 'utf8');
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect(contentKey(bytes, 'image/png')).toBe(`sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.png`);
    expect(contentKey(bytes, 'IMAGE/JPEG; charset=binary')).toBe(
      `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.jpg`,
    );
    expect(contentKey(bytes, 'application/x-unknown')).toMatch(/\.bin$/);
  });

  it('is stable for equal bytes and differs for different bytes; every key passes the key guard', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.uint8Array({ maxLength: 256 }), (a, b) => {
        const ka = contentKey(Buffer.from(a), 'image/webp');
        expect(contentKey(Buffer.from(a), 'image/webp')).toBe(ka);
        expect(blobKeyProblem(ka)).toBeUndefined();
        if (!Buffer.from(a).equals(Buffer.from(b)))
          expect(contentKey(Buffer.from(b), 'image/webp')).not.toBe(ka);
      }),
    );
  });
});

describe('content types and extensions', () => {
  it('maps both ways for pictures', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']) {
      expect(contentTypeOfKey(`x/y.${extensionOf(type)}`)).toBe(type);
    }
    expect(contentTypeOfKey('a/b.JPEG')).toBe('image/jpeg');
    expect(contentTypeOfKey('a.b/noext')).toBe('application/octet-stream');
    expect(normaliseContentType(' Image/PNG ; q=1')).toBe('image/png');
  });
});
