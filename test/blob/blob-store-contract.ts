import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../core/blob/blob-store.js';
import { contentKey } from '../../core/blob/content-key.js';
import { HamgamError } from '../../core/errors.js';
import { decodePng, makePng } from './png-fixture.js';

export interface BlobStoreFixture {
  /** Not yet initialised: the contract calls init(). */
  store: BlobStore;
  /** true for drivers that hand out presigned URLs (S3), false for drivers that serve bytes themselves. */
  presigns: boolean;
  cleanup(): Promise<void>;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export const unsafeKeys = [
  '../escape.png',
  'sha256/../../escape.png',
  '/etc/passwd',
  'a\\b.png',
  'C:/x.png',
  '',
  'a//b.png',
  '.meta/x.json',
  'a/./b',
];

async function getBack(store: BlobStore, key: string) {
  const got = await store.get(key);
  if (!got) throw new Error(`expected ${key} to exist`);
  return { bytes: await readAll(got.stream), contentType: got.contentType, size: got.size };
}

/** One contract for every BlobStore driver (STYLE.md rule 10). */
export function runBlobStoreContract(name: string, factory: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
      await store.init();
    });
    afterAll(async () => {
      await store?.close();
      await fixture?.cleanup();
    });

    it('ping succeeds after init', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('put then has/get returns the bytes, the size and the content type', async () => {
      const bytes = Buffer.from('تصویر کالا: پیراهن مردانه ۱۲۳', 'utf8');
      const key = contentKey(bytes, 'text/plain');
      expect(await store.has(key)).toBe(false);
      await store.put(key, bytes, 'text/plain');
      expect(await store.has(key)).toBe(true);
      const back = await getBack(store, key);
      expect(back.bytes.equals(bytes)).toBe(true);
      expect(back.size).toBe(bytes.length);
      expect(back.contentType).toBe('text/plain');
    });

    it('keeps binary bytes intact: 1 MiB of random bytes with every byte value', async () => {
      const bytes = Buffer.concat([
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        randomBytes(1024 * 1024),
      ]);
      const key = contentKey(bytes, 'application/octet-stream');
      await store.put(key, bytes, 'application/octet-stream');
      const back = await getBack(store, key);
      expect(back.size).toBe(bytes.length);
      expect(sha(back.bytes)).toBe(sha(bytes));
    });

    it('keeps a real PNG intact and decodable', async () => {
      const png = makePng(64, 48);
      const key = contentKey(png, 'image/png');
      expect(key).toMatch(/^sha256\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/);
      await store.put(key, png, 'image/png');
      const back = await getBack(store, key);
      expect(back.contentType).toBe('image/png');
      expect(back.bytes.equals(png)).toBe(true);
      expect(decodePng(back.bytes)).toEqual({ width: 64, height: 48, pixelBytes: 48 * (1 + 64 * 4) });
    });

    it('round-trips the content type even when the extension says otherwise', async () => {
      const bytes = randomBytes(100);
      const key = `misc/${sha(bytes)}.bin`;
      await store.put(key, bytes, 'image/webp');
      expect((await getBack(store, key)).contentType).toBe('image/webp');
    });

    it('stores an empty blob', async () => {
      const key = contentKey(Buffer.alloc(0), 'image/png');
      await store.put(key, Buffer.alloc(0), 'image/png');
      const back = await getBack(store, key);
      expect(back.size).toBe(0);
      expect(back.bytes.length).toBe(0);
    });

    it('answers a missing key with undefined / false, not an error', async () => {
      const key = contentKey(randomBytes(32), 'image/jpeg');
      expect(await store.get(key)).toBeUndefined();
      expect(await store.has(key)).toBe(false);
    });

    it('delete removes the blob, and deleting again (or a missing key) is a no-op', async () => {
      const bytes = randomBytes(64);
      const key = contentKey(bytes, 'image/gif');
      await store.put(key, bytes, 'image/gif');
      await store.delete(key);
      expect(await store.has(key)).toBe(false);
      expect(await store.get(key)).toBeUndefined();
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('put of the same key is idempotent, also when concurrent', async () => {
      const png = makePng(7, 5);
      const key = contentKey(png, 'image/png');
      await store.put(key, png, 'image/png');
      await Promise.all([
        store.put(key, png, 'image/png'),
        store.put(key, png, 'image/png'),
        store.put(key, png, 'image/png'),
      ]);
      const back = await getBack(store, key);
      expect(back.bytes.equals(png)).toBe(true);
      expect(back.size).toBe(png.length);
      expect(back.contentType).toBe('image/png');
    });

    it('a later put of a key replaces it (last write wins)', async () => {
      const key = `misc/replace-${sha(randomBytes(8)).slice(0, 16)}.bin`;
      await store.put(key, Buffer.from('first'), 'text/plain');
      await store.put(key, Buffer.from('second!'), 'application/json');
      const back = await getBack(store, key);
      expect(back.bytes.toString()).toBe('second!');
      expect(back.contentType).toBe('application/json');
    });

    it.each(unsafeKeys)(
      'rejects the unsafe key %j with VALIDATION_FAILED on every operation',
      async (key) => {
        const ops = [
          () => store.put(key, Buffer.from('x'), 'text/plain'),
          () => store.get(key),
          () => store.has(key),
          () => store.delete(key),
          () => store.presignedUrl(key, 60),
        ];
        for (const op of ops) {
          const error = await op().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(HamgamError);
          expect((error as HamgamError).code).toBe('VALIDATION_FAILED');
        }
      },
    );

    it('presignedUrl gives a URL plain fetch() downloads (S3), or undefined (drivers that serve bytes)', async () => {
      const png = makePng(3, 3);
      const key = contentKey(png, 'image/png');
      await store.put(key, png, 'image/png');
      const url = await store.presignedUrl(key, 300);
      if (!fixture.presigns) {
        expect(url).toBeUndefined();
        return;
      }
      expect(url).toMatch(/^https?:\/\//);
      const response = await fetch(url!);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    });
  });
}
