import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { assertBlobKey } from './blob-key.js';
import type { BlobStore } from './blob-store.js';
import { contentTypeOfKey, normaliseContentType } from './content-key.js';

// Layout under the root folder:
//   <key>                     the bytes (e.g. sha256/ab/cd/<hash>.png)
//   .meta/<key>.json          { contentType, size }: the content type exactly as put (the extension
//                             alone would lose e.g. image/webp stored under .bin)
//   .tmp/<uuid>               writes in flight; renamed into place, so readers never see half a file
// Keys cannot start a segment with '.', so no key can reach .meta or .tmp (blob-key.ts).
const staleTempMs = 60 * 60 * 1000;

/** `file:./data/blobs`, `file:/srv/blobs`, `file:///srv/blobs` or `file:C:\data\blobs` -> absolute folder. */
export function fileBlobRoot(url: string): string {
  if (!url.startsWith('file:') || url.length <= 'file:'.length) {
    throw new HamgamError('CONFIG_INVALID', 'Blob URL must be file:<folder>', [
      { key: 'blob', env: 'HAMGAM_BLOB' },
    ]);
  }
  const rest = url.slice('file:'.length);
  return resolve(rest.startsWith('//') ? fileURLToPath(url) : rest);
}

export class FileBlobStore implements BlobStore {
  readonly kind = 'file' as const;
  readonly root: string;

  constructor(
    root: string,
    private readonly logger: Logger,
  ) {
    this.root = resolve(root);
  }

  async init(): Promise<void> {
    await this.io('init', undefined, async () => {
      await mkdir(join(this.root, '.tmp'), { recursive: true });
      await mkdir(join(this.root, '.meta'), { recursive: true });
      await this.sweepStaleTemp();
    });
    this.logger.info({ root: this.root }, 'file blob store ready');
  }

  async close(): Promise<void> {}

  async ping(): Promise<void> {
    await this.io('ping', undefined, () => access(join(this.root, '.tmp'), constants.R_OK | constants.W_OK));
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const file = this.pathOf(key);
    const meta = JSON.stringify({
      contentType: normaliseContentType(contentType) || contentType,
      size: data.length,
    });
    await this.io('put', key, async () => {
      // Meta first, bytes last: the bytes' rename is the commit point has()/get() look at.
      await this.writeAtomic(this.metaPathOf(key), Buffer.from(meta));
      await this.writeAtomic(file, data);
    });
  }

  async has(key: string): Promise<boolean> {
    const file = this.pathOf(key);
    return this.io('has', key, async () => {
      const s = await stat(file).catch(ignoreMissing);
      return s !== undefined && s.isFile();
    });
  }

  async get(key: string): Promise<{ stream: Readable; contentType: string; size: number } | undefined> {
    const file = this.pathOf(key);
    return this.io('get', key, async () => {
      // Open first, then stat the open handle: a delete racing with us cannot split size and bytes.
      const handle = await open(file, 'r').catch(ignoreMissing);
      if (!handle) return undefined;
      try {
        const { size } = await handle.stat();
        const contentType = await this.readContentType(key);
        return { stream: handle.createReadStream(), contentType, size };
      } catch (e) {
        await handle.close();
        throw e;
      }
    });
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await this.io('delete', key, async () => {
      await rm(file, { force: true });
      await rm(this.metaPathOf(key), { force: true });
    });
  }

  async presignedUrl(key: string, _expirySeconds: number): Promise<string | undefined> {
    assertBlobKey(key);
    return undefined; // the HTTP server streams these bytes itself
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    const file = join(this.root, ...key.split('/'));
    // Belt and braces behind assertBlobKey: the joined path must stay inside the root.
    if (!file.startsWith(this.root + sep)) {
      throw new HamgamError('VALIDATION_FAILED', 'Invalid blob key: outside the blob folder', { key });
    }
    return file;
  }

  private metaPathOf(key: string): string {
    return join(this.root, '.meta', ...key.split('/')) + '.json';
  }

  private async readContentType(key: string): Promise<string> {
    const text = await readFile(this.metaPathOf(key), 'utf8').catch(ignoreMissing);
    if (text === undefined) return contentTypeOfKey(key);
    try {
      const parsed = JSON.parse(text) as { contentType?: unknown };
      return typeof parsed.contentType === 'string' ? parsed.contentType : contentTypeOfKey(key);
    } catch {
      return contentTypeOfKey(key);
    }
  }

  /** Temp file in the same folder tree (same filesystem) + fsync + rename: all or nothing. */
  private async writeAtomic(target: string, data: Buffer): Promise<void> {
    const temp = join(this.root, '.tmp', randomUUID());
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  /** A crash mid-write leaves a temp file behind; an hour-old one belongs to no live write. */
  private async sweepStaleTemp(): Promise<void> {
    const dir = join(this.root, '.tmp');
    const now = Date.now();
    for (const name of await readdir(dir)) {
      const s = await stat(join(dir, name)).catch(ignoreMissing);
      if (s && now - s.mtimeMs > staleTempMs) await rm(join(dir, name), { force: true });
    }
  }

  private async io<T>(op: string, key: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof HamgamError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      this.logger.error({ op, key, code, err: e }, 'file blob store failed');
      throw new HamgamError(
        'BLOB_UNAVAILABLE',
        `File blob store ${op} failed (${code ?? 'error'})`,
        { op, key, code },
        { cause: e },
      );
    }
  }
}

// ENOTDIR: a path segment of the key is a file, so the key cannot exist either.
function ignoreMissing(e: unknown): undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
  throw e;
}
