import { HamgamError } from '../errors.js';
import type { SimDatabase, SimTx } from './sim-database.js';
import type { DeskResult } from './sim-desk-actions.js';
import { photoGalleryRow, pictureRow } from './product-rows.js';

type Out = Omit<DeskResult, 'written'>;

/** Desk operations on pictures (Pictures + PhotoGalleries, EntityType 102 = product; API.md §3.4). */
export function addPicture(tx: SimTx, productId: number, title: string): number {
  const picture = tx.insert('Pictures', (id) => pictureRow(id, title, 0));
  const pictureId = picture.PictureId as number;
  tx.insert('PhotoGalleries', (id) => photoGalleryRow(id, pictureId, productId, 0));
  return pictureId;
}

function mustHavePicture(tx: SimTx, pictureId: number) {
  const row = tx.get('Pictures', pictureId);
  if (!row) throw new HamgamError('NOT_FOUND', `Pictures ${pictureId} does not exist in the simulator`);
  return row;
}

/** Staff remove a picture: the Picture and the PhotoGalleries showing it become Deleted (new RowVersions). */
export function deletePicture(db: SimDatabase, tx: SimTx, pictureId: number): Out {
  mustHavePicture(tx, pictureId);
  tx.update('Pictures', pictureId, { Deleted: true });
  const galleries = [...db.relations.get('galleriesOfPicture', pictureId)];
  if (db.tables.PhotoGalleries.isBaseId(pictureId)) galleries.push(pictureId);
  for (const g of galleries) {
    const row = tx.get('PhotoGalleries', g);
    if (row && row.PictureId === pictureId && row.Deleted !== true)
      tx.update('PhotoGalleries', g, { Deleted: true });
  }
  return { pictureId };
}

/** Staff replace a product picture: new file name (so caches and blob stores see new bytes), new RowVersion. */
export function replacePicture(tx: SimTx, pictureId: number): Out {
  const row = mustHavePicture(tx, pictureId);
  const version = Number(/-v(\d+)\.png$/i.exec(String(row.FileName))?.[1] ?? 0) + 1;
  const fileName = `pic-${pictureId}-v${version}.png`;
  tx.update('Pictures', pictureId, { FileName: fileName, Url: `/Content/Images/all/${fileName}` });
  return { pictureId };
}
