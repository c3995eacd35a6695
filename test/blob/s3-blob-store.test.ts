import * as Minio from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentKey } from '../../core/blob/content-key.js';
import { createBlobStore } from '../../core/blob/create-blob-store.js';
import { HamgamError } from '../../core/errors.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { canConnect } from '../support/services.js';
import { runBlobStoreContract } from './blob-store-contract.js';
import { makePng } from './png-fixture.js';
import { s3rverAccessKey, s3rverSecretKey, startS3rver, type RunningS3rver } from './s3rver-server.js';

// s3rver is an npm package, so this suite never skips: if it cannot start, the suite fails
// (with or without HAMGAM_REQUIRE_SERVICES=1).
const logger = createSilentLogger();

runBlobStoreContract('s3 (minio client against s3rver)', async () => {
  const server = await startS3rver();
  return {
    store: createBlobStore(server.blobUrl('hamgam-contract'), logger),
    presigns: true,
    cleanup: server.stop,
  };
});

describe('S3BlobStore specifics', () => {
  let server: RunningS3rver;
  let raw: Minio.Client;

  beforeAll(async () => {
    server = await startS3rver();
    raw = new Minio.Client({
      endPoint: '127.0.0.1',
      port: server.port,
      useSSL: false,
      accessKey: s3rverAccessKey,
      secretKey: s3rverSecretKey,
      pathStyle: true,
      region: 'us-east-1',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates a missing bucket on init, and a second init finds it', async () => {
    expect(await raw.bucketExists('hamgam-new')).toBe(false);
    const store = createBlobStore(server.blobUrl('hamgam-new'), logger);
    expect(store.kind).toBe('s3');
    await store.init();
    expect(await raw.bucketExists('hamgam-new')).toBe(true);
    const again = createBlobStore(server.blobUrl('hamgam-new'), logger);
    await expect(again.init()).resolves.toBeUndefined();
    await Promise.all([store.close(), again.close()]);
  });

  it('stores objects with their Content-Type, as another S3 client sees them', async () => {
    const store = createBlobStore(server.blobUrl('hamgam-raw'), logger);
    await store.init();
    const png = makePng(10, 10);
    const key = contentKey(png, 'image/png');
    await store.put(key, png, 'image/png');
    const stat = await raw.statObject('hamgam-raw', key);
    expect(stat.size).toBe(png.length);
    expect(stat.metaData['content-type']).toBe('image/png');
    await store.close();
  });

  it('rejects a presign expiry outside 1 s .. 7 days', async () => {
    const store = createBlobStore(server.blobUrl('hamgam-presign'), logger);
    await store.init();
    const key = contentKey(Buffer.from('x'), 'text/plain');
    for (const bad of [0, -1, 1.5, 8 * 24 * 3600]) {
      await expect(store.presignedUrl(key, bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await store.close();
  });

  it('fails init with BLOB_UNAVAILABLE on an unknown access key, without leaking the secret', async () => {
    const store = createBlobStore(`http://nobody:TopSecret-9f3a@127.0.0.1:${server.port}/hamgam`, logger);
    const error = await store.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HamgamError);
    expect((error as HamgamError).code).toBe('BLOB_UNAVAILABLE');
    expect(
      JSON.stringify({ m: (error as HamgamError).message, d: (error as HamgamError).details }),
    ).not.toContain('TopSecret');
  });

  it('fails init and ping with BLOB_UNAVAILABLE when nothing listens on the port', async () => {
    const closed = await startS3rver();
    await closed.stop();
    expect(await canConnect('127.0.0.1', closed.port)).toBe(false);
    const store = createBlobStore(closed.blobUrl('hamgam'), logger);
    await expect(store.init()).rejects.toMatchObject({ code: 'BLOB_UNAVAILABLE' });
  });

  it('ping fails with BLOB_UNAVAILABLE once the bucket is gone', async () => {
    const store = createBlobStore(server.blobUrl('hamgam-gone'), logger);
    await store.init();
    await raw.removeBucket('hamgam-gone');
    await expect(store.ping()).rejects.toMatchObject({ code: 'BLOB_UNAVAILABLE' });
    await store.close();
  });
});
