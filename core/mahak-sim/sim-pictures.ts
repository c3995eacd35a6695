import { createHash } from 'node:crypto';
import type { SimDatabase } from './sim-database.js';
import { encodePng } from './png-encoder.js';
import { PICTURE_SIZE } from './product-rows.js';

export interface PictureBytes {
  bytes: Buffer;
  contentType: string;
}

const contentTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

export const contentTypeOf = (fileName: string): string =>
  contentTypes[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** `pic-<id>.png` (generated) or `pic-<id>-v<n>.png` (replaced by staff through the control API). */
const generatedName = /^pic-(\d+)(?:-v(\d+))?\.png$/i;

/**
 * Picture bytes served at the server-relative `Url` of each Picture (API.md §1.1): generated PNGs are drawn on
 * request from (seed, picture id, version); bytes uploaded by clients (Upload, or BinaryData in SaveAllData)
 * are kept in memory by file name.
 */
export class PictureStore {
  private readonly uploads = new Map<string, PictureBytes>();

  constructor(private readonly db: SimDatabase) {}

  get uploadCount(): number {
    return this.uploads.size;
  }

  bytesFor(fileName: string): PictureBytes | undefined {
    const uploaded = this.uploads.get(fileName.toLowerCase());
    if (uploaded) return uploaded;
    const m = generatedName.exec(fileName);
    if (!m) return undefined;
    const pictureId = Number(m[1]);
    const row = this.db.tables.Pictures.latest(pictureId);
    // A deleted picture's file is gone from the server, like a replaced one's old file name.
    if (!row || row.Deleted === true || String(row.FileName).toLowerCase() !== fileName.toLowerCase())
      return undefined;
    const { background, band } = this.db.catalogue.products.pictureColours(pictureId, Number(m[2] ?? 0));
    return { bytes: encodePng(PICTURE_SIZE, PICTURE_SIZE, background, band), contentType: 'image/png' };
  }

  /** Keep uploaded bytes under a unique file name; returns its Url and an MD5 hash (S3 stores FileHash). */
  store(pictureId: number, fileName: string, bytes: Buffer): { fileName: string; url: string; hash: string } {
    const safe = fileName.replace(/[^\w.\-\u0600-\u06FF]/g, '_') || 'file.bin';
    const stored = `up-${pictureId}-${Date.now().toString(36)}-${safe}`;
    this.uploads.set(stored.toLowerCase(), { bytes, contentType: contentTypeOf(safe) });
    return {
      fileName: stored,
      url: `/Content/Images/all/${stored}`,
      hash: createHash('md5').update(bytes).digest('hex'),
    };
  }
}
