import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentKey } from '../../core/blob/content-key.js';
import { createBlobStore } from '../../core/blob/create-blob-store.js';
import { FileBlobStore } from '../../core/blob/file-blob-store.js';
import { HamgamError } from '../../core/errors.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { readAll, runBlobStoreContract } from './blob-store-contract.js';
import { makePng } from './png-fixture.js';

const logger = createSilentLogger();
const tempDirs: string[] = [];

async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hamgam-blobs-'));
  tempDirs.push(dir);
  return dir;
}

runBlobStoreContract('file (folder on disk)', async () => {
  const dir = await tempRoot();
  return {
    store: createBlobStore(`file:${join(dir, 'blobs')}`, logger),
    presigns: false,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('FileBlobStore specifics', () => {
  afterEach(async () => {
    await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('createBlobStore picks the file driver and resolves the folder', async () => {
    const dir = await tempRoot();
    const store = createBlobStore(`file:${dir}/blobs`, logger);
    expect(store.kind).toBe('file');
    expect((store as FileBlobStore).root).toBe(join(dir, 'blobs'));
    expect((createBlobStore('file:./data/blobs', logger) as FileBlobStore).root).toBe(
      join(process.cwd(), 'data', 'blobs'),
    );
    expect((createBlobStore(`file://${dir}/x`, logger) as FileBlobStore).root).toBe(join(dir, 'x'));
  });

  it('lays a content key out as nested folders and writes nothing outside its root', async () => {
    const dir = await tempRoot();
    const root = join(dir, 'inner', 'blobs');
    const store = new FileBlobStore(root, logger);
    await store.init();
    const png = makePng(4, 4);
    const key = contentKey(png, 'image/png');
    await store.put(key, png, 'image/png');
    expect(existsSync(join(root, ...key.split('/')))).toBe(true);

    for (const bad of ['../escape.png', '../../escape.png', 'sha256/../../../escape.png']) {
      await expect(store.put(bad, png, 'image/png')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(existsSync(join(dir, 'inner', 'escape.png'))).toBe(false);
    expect(existsSync(join(dir, 'escape.png'))).toBe(false);
    expect(await readdir(join(root, '.tmp'))).toEqual([]); // every write renamed into place
  });

  it('falls back to the extension when the content-type sidecar is missing', async () => {
    const root = await tempRoot();
    const store = new FileBlobStore(root, logger);
    await store.init();
    const png = makePng(2, 2);
    const key = contentKey(png, 'image/png');
    await store.put(key, png, 'image/png');
    await rm(join(root, '.meta', ...key.split('/')) + '.json');
    const got = await store.get(key);
    expect(got?.contentType).toBe('image/png');
    expect((await readAll(got!.stream)).equals(png)).toBe(true);
  });

  it('sweeps temp files left by a crash once they are stale, and keeps fresh ones', async () => {
    const root = await tempRoot();
    await mkdir(join(root, '.tmp'), { recursive: true });
    await writeFile(join(root, '.tmp', 'stale'), 'half a picture');
    await writeFile(join(root, '.tmp', 'fresh'), 'a write in flight');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(root, '.tmp', 'stale'), twoHoursAgo, twoHoursAgo);
    await new FileBlobStore(root, logger).init();
    expect(await readdir(join(root, '.tmp'))).toEqual(['fresh']);
  });

  it('ping reports BLOB_UNAVAILABLE when the folder is gone', async () => {
    const root = join(await tempRoot(), 'blobs');
    const store = new FileBlobStore(root, logger);
    await store.init();
    await rm(root, { recursive: true });
    const error = await store.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HamgamError);
    expect((error as HamgamError).code).toBe('BLOB_UNAVAILABLE');
  });

  it('init reports BLOB_UNAVAILABLE when the folder cannot be created', async () => {
    const dir = await tempRoot();
    await writeFile(join(dir, 'a-file'), 'not a folder');
    await expect(new FileBlobStore(join(dir, 'a-file', 'blobs'), logger).init()).rejects.toMatchObject({
      code: 'BLOB_UNAVAILABLE',
    });
  });
});
