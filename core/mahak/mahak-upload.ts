import { canonicaliseKeys, type Envelope } from '../contracts/mahak-wire.js';
import { HamgamError } from '../errors.js';
import { isRecord } from './mahak-envelope.js';

/** Upload and picture download helpers (API.md §5.3, §1.1). */

const imageTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
};

export const contentTypeOf = (fileName: string): string =>
  imageTypes[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** One part named `file`, with its file name, as Mahak's Android app sends it (S3 uploadSignImage). */
export function uploadForm(fileName: string, bytes: Buffer): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentTypeOf(fileName) }), fileName);
  return form;
}

/**
 * HTTP header values must be Latin-1; a Persian file name is percent-encoded (UTF-8) rather than
 * rejected by Node. ASCII names go as they are, which is all S3 ever sent.
 */
export const headerSafe = (value: string): string =>
  /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);

export function uploadHeaders(pictureId: number, fileName: string): Record<string, string> {
  return { 'X-PictureId': String(pictureId), 'X-FileName': headerSafe(fileName) };
}

/** `{Result, Data:{Result, EntityId, RowVersion, AdditionalData:{FileUrl, FileHash}}}`; either false = rejected. */
export function readUploadResult(env: Envelope): { fileUrl?: string; fileHash?: string } {
  const data = isRecord(env.Data)
    ? (canonicaliseKeys(env.Data, ['Result', 'AdditionalData', 'Message']) as Record<string, unknown>)
    : {};
  if (!env.Result || data.Result === false) {
    throw new HamgamError('MAHAK_REJECTED', env.Message ?? 'Mahak Upload was refused', {
      op: 'Upload',
      code: env.Code,
    });
  }
  const extra = isRecord(data.AdditionalData)
    ? (canonicaliseKeys(data.AdditionalData, ['FileUrl', 'FileHash']) as Record<string, unknown>)
    : {};
  const out: { fileUrl?: string; fileHash?: string } = {};
  if (typeof extra.FileUrl === 'string') out.fileUrl = extra.FileUrl;
  if (typeof extra.FileHash === 'string') out.fileHash = extra.FileHash;
  return out;
}

/**
 * Picture `Url`s are server-relative paths (API.md §1.1): resolve them against the ORIGIN of the sync
 * URL (`https://host/API/v3/Sync` -> `https://host` + Url). A Url naming another host is refused, so
 * data from Mahak cannot make us fetch arbitrary addresses.
 */
export function pictureUrl(baseUrl: string, url: string): string {
  const origin = new URL(baseUrl).origin;
  let target: URL;
  try {
    target = new URL(url.trim(), origin + '/');
  } catch {
    throw new HamgamError('VALIDATION_FAILED', 'Picture Url is not a valid path', { url });
  }
  if (target.origin !== origin) {
    throw new HamgamError('VALIDATION_FAILED', 'Picture Url points to another host', { url, origin });
  }
  return target.href;
}
