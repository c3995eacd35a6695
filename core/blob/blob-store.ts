import type { Readable } from 'node:stream';

/** The BlobStore port: content-addressed picture bytes, local folder or S3/MinIO. */
export interface BlobStore {
  readonly kind: 'file' | 's3';
  init(): Promise<void>;
  close(): Promise<void>;
  ping(): Promise<void>;
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** undefined when the key does not exist. */
  get(key: string): Promise<{ stream: Readable; contentType: string; size: number } | undefined>;
  delete(key: string): Promise<void>;
  /** A time-limited URL for the S3 driver; undefined when the driver serves bytes itself. */
  presignedUrl(key: string, expirySeconds: number): Promise<string | undefined>;
}
