import type { FastifyRequest } from 'fastify';
import type { SimEngine } from './sim-engine.js';
import type { SimResponse } from './sim-get-all-data.js';
import { faMessages } from './sim-messages.js';
import { fail, ok } from './sim-wire.js';

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Upload (API.md §5.3, Mahak's Android app): multipart with one `file` part, headers X-PictureId (the server
 * PictureId from a previous SaveAllData) and X-FileName. The bytes replace the picture's file; the answer is
 * Data {Result, EntityId, RowVersion, AdditionalData: {FileUrl, FileHash}}.
 */
export async function uploadPicture(engine: SimEngine, request: FastifyRequest): Promise<SimResponse> {
  if (!request.isMultipart()) return { status: 400, body: fail(400, faMessages.uploadMissingFile) };
  const file = await request.file();
  if (!file) return { status: 400, body: fail(400, faMessages.uploadMissingFile) };
  const bytes = await file.toBuffer();
  const pictureId = Number(header(request, 'x-pictureid'));
  const fileName = header(request, 'x-filename') ?? file.filename ?? 'file.bin';
  const tx = engine.db.begin();
  const picture = Number.isInteger(pictureId) ? tx.get('Pictures', pictureId) : undefined;
  if (!picture) {
    return {
      status: 200,
      body: fail(3, faMessages.uploadPictureNotFound, {
        Result: false,
        EntityId: pictureId || 0,
        RowVersion: 0,
        AdditionalData: null,
      }),
    };
  }
  const stored = engine.pictures.store(pictureId, fileName, bytes);
  const row = tx.update('Pictures', pictureId, {
    FileName: picture.FileName || fileName,
    Url: stored.url,
    FileSize: bytes.length,
    PictureHash: stored.hash,
    Format: (fileName.split('.').pop() ?? '').toLowerCase(),
  });
  tx.commit();
  engine.noteClientRow('Pictures', pictureId);
  return {
    status: 200,
    body: ok({
      Result: true,
      EntityId: pictureId,
      RowVersion: row.RowVersion,
      AdditionalData: { FileUrl: stored.url, FileHash: stored.hash },
    }),
  };
}
