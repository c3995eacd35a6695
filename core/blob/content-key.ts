import { createHash } from 'node:crypto';

// Content-addressed keys: the same picture bytes always land on the same key, so a re-sync that sees
// a picture again finds it already stored (has()) and never stores it twice.
const extensionByType: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'image/tiff': 'tif',
  'image/x-icon': 'ico',
  'application/pdf': 'pdf',
  'application/json': 'json',
  'text/plain': 'txt',
};

const typeByExtension: Record<string, string> = {
  ...Object.fromEntries(Object.entries(extensionByType).map(([type, ext]) => [ext, type])),
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

/** `image/PNG; charset=x` -> `image/png`. */
export function normaliseContentType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** File extension for a content type; `bin` when unknown. */
export function extensionOf(contentType: string): string {
  return extensionByType[normaliseContentType(contentType)] ?? 'bin';
}

/** Content type guessed from a key's extension; octet-stream when unknown. */
export function contentTypeOfKey(key: string): string {
  const dot = key.lastIndexOf('.');
  const ext = dot >= 0 && dot > key.lastIndexOf('/') ? key.slice(dot + 1).toLowerCase() : '';
  return typeByExtension[ext] ?? 'application/octet-stream';
}

/**
 * `sha256/ab/cd/<64 hex>.<ext>`. Two levels of fan-out keep folders small on disk (65,536 buckets)
 * and cost nothing on S3.
 */
export function contentKey(bytes: Buffer, contentType: string): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  return `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.${extensionOf(contentType)}`;
}
