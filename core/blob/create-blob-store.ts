import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { BlobStore } from './blob-store.js';
import { FileBlobStore, fileBlobRoot } from './file-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';
import { parseS3BlobUrl } from './s3-blob-url.js';

/**
 * Picks the BlobStore driver from the `blob` config value:
 * `file:./data/blobs` (embedded default) or `http(s)://ACCESS_KEY:SECRET@host:port/bucket` (MinIO / S3).
 * Nothing is connected here; call init(). The caller scopes the logger (component: blob).
 */
export function createBlobStore(url: string, logger: Logger): BlobStore {
  if (url.startsWith('file:')) {
    return new FileBlobStore(fileBlobRoot(url), logger.child({ driver: 'file' }));
  }
  if (/^https?:\/\//i.test(url)) {
    return new S3BlobStore(parseS3BlobUrl(url), logger.child({ driver: 's3' }));
  }
  throw new HamgamError(
    'CONFIG_INVALID',
    'HAMGAM_BLOB must be file:<folder> or http(s)://ACCESS_KEY:SECRET@host:port/bucket',
    [{ key: 'blob', env: 'HAMGAM_BLOB' }],
  );
}
