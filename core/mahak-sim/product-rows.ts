import { pngByteSize } from './png-encoder.js';
import type { SimRow } from './sim-row.js';

/** Row builders shared by the generator and the desk operations, so both write identical shapes. */

/** Generated pictures are small squares: enough to be real images, cheap to draw on every request. */
export const PICTURE_SIZE = 96;

/** A generated product picture, `pic-<id>.png`, served by PictureStore. FileSize is exact (png-encoder). */
export function pictureRow(id: number, title: string, rowVersion: number): SimRow {
  const fileName = `pic-${id}.png`;
  return {
    PictureId: id,
    PictureClientId: 0,
    PictureCode: id,
    FileName: fileName,
    DisplayOrder: 1,
    Title: title,
    Url: `/Content/Images/all/${fileName}`,
    FileSize: pngByteSize(PICTURE_SIZE, PICTURE_SIZE),
    Width: PICTURE_SIZE,
    Height: PICTURE_SIZE,
    Format: 'png',
    Deleted: false,
    RowVersion: rowVersion,
  };
}

export function visitorProductRow(
  id: number,
  detailId: number,
  detailCode: number,
  visitorId: number,
  count1: number,
  count2: number,
  rowVersion: number,
): SimRow {
  return {
    VisitorProductId: id,
    ProductDetailId: detailId,
    ProductDetailClientId: 0,
    ProductDetailCode: detailCode,
    VisitorId: visitorId,
    VisitorClientId: 0,
    VisitorCode: visitorId,
    Count1: count1,
    Count2: count2,
    // Observed as 0 on live rows (API.md §3.4, S2): the price lives in ProductDetail.Price1..10.
    Price: 0,
    Serials: '',
    Deleted: false,
    RowVersion: rowVersion,
  };
}

export function photoGalleryRow(
  id: number,
  pictureId: number,
  productId: number,
  rowVersion: number,
): SimRow {
  return {
    PhotoGalleryId: id,
    PictureId: pictureId,
    EntityType: 102,
    ItemCode: productId,
    ItemType: 102,
    Deleted: false,
    RowVersion: rowVersion,
  };
}

export function prices(levels: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let k = 1; k <= 10; k++) out[`Price${k}`] = levels[k - 1] ?? 0;
  return out;
}

/** Mahak's Properties string (`[{"C":"1","V":"قرمز"}]`); values are the sim's own words, never quotes. */
export const props = (pairs: [number, string][]): string =>
  `[${pairs.map(([c, v]) => `{"C":"${c}","V":"${v}"}`).join(',')}]`;

/** EAN-13 with Iran's GS1 prefix 626 and a valid check digit. */
export function barcode(h: number, j: number): string {
  const body = `626${String(h % 100_000).padStart(5, '0')}${String(j % 10_000).padStart(4, '0')}`;
  let sum = 0;
  for (let k = 0; k < body.length; k++) sum += (body.charCodeAt(k) - 48) * (k % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}
