import { faMessages } from './sim-messages.js';
import {
  clientFields,
  err,
  failed,
  invalid,
  num,
  required,
  resolveRef,
  succeeded,
  type PropertyError,
  type RecordResult,
  type SaveContext,
  type SaveRecord,
} from './sim-save-context.js';

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Picture metadata (then bytes via Upload, S3's flow) or metadata + bare-Base64 `BinaryData` (S5's flow),
 * API.md §4.1. A re-sent PictureClientId updates the picture it created. AdditionalData carries `{Url}` (S3).
 */
export function savePicture(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const errors: PropertyError[] = [];
  const pictureId = num(rec.PictureId);
  const clientId = num(rec.PictureClientId);
  let existing: number | undefined;
  if (pictureId !== undefined && pictureId > 0) {
    existing = ctx.tx.get('Pictures', pictureId) ? pictureId : undefined;
    if (existing === undefined) errors.push(err('PictureId', 'notFound', faMessages.notFound('PictureId')));
  } else if (clientId === undefined || clientId === 0) errors.push(required('PictureClientId'));
  else existing = ctx.tx.findByClientId('Pictures', ctx.visitorId, clientId);
  const fileName = typeof rec.FileName === 'string' ? rec.FileName.trim() : '';
  if (!fileName && existing === undefined) errors.push(required('FileName'));
  const data = typeof rec.BinaryData === 'string' ? rec.BinaryData.replace(/\s/g, '') : undefined;
  if (data !== undefined && (data.length === 0 || !base64.test(data))) errors.push(invalid('BinaryData'));
  if (errors.length > 0) return failed('Pictures', rec, index, errors);

  const withBytes = (id: number) => ({
    ...clientFields(rec),
    ...(data ? storeBytes(ctx, id, fileName, data) : {}),
  });
  const row =
    existing !== undefined
      ? ctx.tx.update('Pictures', existing, withBytes(existing))
      : ctx.tx.insert(
          'Pictures',
          (id) => ({ PictureCode: 0, Url: '', FileSize: 0, ...withBytes(id), PictureClientId: clientId }),
          {
            visitorId: ctx.visitorId,
            clientId: clientId!,
          },
        );
  return succeeded(ctx, 'Pictures', row, index, { Url: row.Url ?? '' });
}

function storeBytes(ctx: SaveContext, pictureId: number, fileName: string, data: string) {
  const bytes = Buffer.from(data, 'base64');
  const stored = ctx.engine.pictures.store(pictureId, fileName || 'picture.jpg', bytes);
  return {
    Url: stored.url,
    FileSize: bytes.length,
    PictureHash: stored.hash,
    Format: (fileName.split('.').pop() ?? '').toLowerCase(),
  };
}

/** Link a picture to an entity (EntityType 102 product, 101 person ...). No ClientId exists in the model. */
export function savePhotoGallery(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const errors: PropertyError[] = [];
  const picture = resolveRef(ctx, rec, 'Pictures', 'Picture', true);
  if (picture.error) errors.push(picture.error);
  const entityType = num(rec.EntityType);
  if (entityType === undefined) errors.push(required('EntityType'));
  if (num(rec.ItemCode) === undefined) errors.push(required('ItemCode'));
  const galleryId = num(rec.PhotoGalleryId);
  const existing = galleryId && galleryId > 0 ? galleryId : undefined;
  if (existing !== undefined && !ctx.tx.get('PhotoGalleries', existing))
    errors.push(err('PhotoGalleryId', 'notFound', faMessages.notFound('PhotoGalleryId')));
  if (errors.length > 0) return failed('PhotoGalleries', rec, index, errors);
  const fields = { ItemType: 0, ...clientFields(rec), PictureId: picture.id, EntityType: entityType };
  const row =
    existing !== undefined
      ? ctx.tx.update('PhotoGalleries', existing, fields)
      : ctx.tx.insert('PhotoGalleries', fields);
  return succeeded(ctx, 'PhotoGalleries', row, index);
}
