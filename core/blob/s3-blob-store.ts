import type { Readable } from 'node:stream';
import type { Client } from 'minio';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { assertBlobKey } from './blob-key.js';
import type { BlobStore } from './blob-store.js';
import type { S3Target } from './s3-blob-url.js';

// S3 answers "missing" with these codes: HEAD (statObject) has no body so the client reports NotFound,
// GET (getObject) reports NoSuchKey.
const missingCodes = new Set(['NotFound', 'NoSuchKey']);
// Another instance created the bucket between our bucketExists() and makeBucket().
const bucketRaceCodes = new Set(['BucketAlreadyOwnedByYou', 'BucketAlreadyExists']);
/** S3's presigned URL limit: 7 days. */
const maxPresignSeconds = 7 * 24 * 3600;

const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

/** MinIO or any S3. The `minio` client is loaded in init(), only when this driver is chosen. */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private client: Client | undefined;

  constructor(
    private readonly target: S3Target,
    private readonly logger: Logger,
  ) {}

  async init(): Promise<void> {
    const { Client } = await import('minio');
    const { endPoint, port, useSSL, accessKey, secretKey, region } = this.target;
    // Path-style requests: MinIO behind a plain host name (minio:9000) has no per-bucket DNS.
    this.client = new Client({ endPoint, port, useSSL, accessKey, secretKey, region, pathStyle: true });
    await this.ensureBucket();
    this.logger.info({ endPoint, port, bucket: this.target.bucket }, 's3 blob store ready');
  }

  async close(): Promise<void> {
    this.client = undefined;
  }

  async ping(): Promise<void> {
    const exists = await this.call('ping', undefined, (c) => c.bucketExists(this.target.bucket));
    if (!exists)
      throw new HamgamError(
        'BLOB_UNAVAILABLE',
        `Bucket ${this.target.bucket} does not exist`,
        this.where('ping'),
      );
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    assertBlobKey(key);
    await this.call('put', key, (c) =>
      c.putObject(this.target.bucket, key, data, data.length, { 'Content-Type': contentType }),
    );
  }

  async has(key: string): Promise<boolean> {
    assertBlobKey(key);
    const stat = await this.call('has', key, (c) =>
      c.statObject(this.target.bucket, key).catch(ifMissing(undefined)),
    );
    return stat !== undefined;
  }

  async get(key: string): Promise<{ stream: Readable; contentType: string; size: number } | undefined> {
    assertBlobKey(key);
    const bucket = this.target.bucket;
    const stat = await this.call('get', key, (c) => c.statObject(bucket, key).catch(ifMissing(undefined)));
    if (!stat) return undefined;
    // Deleted between the HEAD and the GET: the same answer as never there.
    const stream = await this.call('get', key, (c) => c.getObject(bucket, key).catch(ifMissing(undefined)));
    if (!stream) return undefined;
    const contentType = String(stat.metaData['content-type'] ?? 'application/octet-stream');
    return { stream, contentType, size: stat.size };
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    // S3 DELETE of a missing key succeeds: delete is idempotent without a check.
    await this.call('delete', key, (c) => c.removeObject(this.target.bucket, key));
  }

  async presignedUrl(key: string, expirySeconds: number): Promise<string> {
    assertBlobKey(key);
    if (!Number.isInteger(expirySeconds) || expirySeconds < 1 || expirySeconds > maxPresignSeconds) {
      throw new HamgamError('VALIDATION_FAILED', `expirySeconds must be 1..${maxPresignSeconds}`, {
        expirySeconds,
      });
    }
    return this.call('presign', key, (c) => c.presignedGetObject(this.target.bucket, key, expirySeconds));
  }

  private async ensureBucket(): Promise<void> {
    const { bucket, region } = this.target;
    const exists = await this.call('init', undefined, (c) => c.bucketExists(bucket));
    if (exists) return;
    await this.call('init', undefined, (c) =>
      c.makeBucket(bucket, region).catch((e: unknown) => {
        if (!bucketRaceCodes.has(codeOf(e) ?? '')) throw e;
      }),
    );
    this.logger.info({ bucket }, 'created blob bucket');
  }

  private where(op: string, key?: string): Record<string, unknown> {
    return { op, key, endPoint: this.target.endPoint, port: this.target.port, bucket: this.target.bucket };
  }

  /** Every client call: HamgamErrors pass, anything else (network, auth, S3 error) is BLOB_UNAVAILABLE. */
  private async call<T>(op: string, key: string | undefined, fn: (c: Client) => Promise<T>): Promise<T> {
    if (!this.client) throw new Error('S3BlobStore used before init()');
    try {
      return await fn(this.client);
    } catch (e) {
      if (e instanceof HamgamError) throw e;
      const code = codeOf(e);
      const details = { ...this.where(op, key), code };
      this.logger.error({ ...details, err: e }, 's3 blob store failed');
      throw new HamgamError('BLOB_UNAVAILABLE', `S3 blob store ${op} failed (${code ?? 'error'})`, details, {
        cause: e,
      });
    }
  }
}

function ifMissing<T>(value: T): (e: unknown) => T {
  return (e) => {
    if (missingCodes.has(codeOf(e) ?? '')) return value;
    throw e;
  };
}
