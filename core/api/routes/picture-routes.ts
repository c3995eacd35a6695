import { z } from 'zod';
import { HamgamError } from '../../errors.js';
import { PictureRepo } from '../../store/picture-repo.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { commonErrors, errorBody } from '../error-schema.js';
import { catalogueRateLimit } from '../rate-limits.js';
import type { ZodTypeProvider } from '../zod-validation.js';

const pictureParams = z.strictObject({ id: z.coerce.number().int().positive() });
/** Not JSON: fastify sends streams and empty bodies as they are, the schema only documents the status. */
const binary = z.unknown();

// The bytes behind a picture id change only when Mahak changes the picture, and then the ETag changes
// too: a day in any cache is safe, revalidation after that is a cheap 304.
const cacheControl = 'public, max-age=86400';
/** Presigned S3 URLs live an hour; the redirect itself is cached for far less so it never outlives one. */
const presignSeconds = 3600;
const redirectCacheControl = 'public, max-age=300';

/**
 * GET /api/v1/pictures/:id — the storefront's pictures (catalog-mapping.ts builds these URLs). Only
 * published pictures: not deleted and downloaded at least once by the picture sync. The folder driver
 * streams the bytes with ETag = sha256 of the content; the S3 driver redirects to a presigned URL, so
 * picture bytes never pass through this server. Registered only when the app has a BlobStore.
 */
export const pictureRoutes: ApiRoutePlugin = async (fastify, deps) => {
  const { blobs } = deps;
  if (!blobs) return;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const repo = new PictureRepo(deps.storage.db);

  app.get(
    '/api/v1/pictures/:id',
    {
      config: { rateLimit: catalogueRateLimit(deps) },
      schema: {
        tags: ['catalogue'],
        params: pictureParams,
        // 200: the picture bytes (image/*); 302: to a presigned S3 URL; 304: the If-None-Match ETag still holds.
        response: { 200: binary, 302: binary, 304: binary, 404: errorBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const picture = await repo.getPublished(id);
      if (!picture) throw notFound(id);
      const etag = `"${picture.contentHash}"`;
      if (matchesEtag(request.headers['if-none-match'], etag)) {
        return reply.code(304).header('etag', etag).header('cache-control', cacheControl).send();
      }
      const presigned = await blobs.presignedUrl(picture.blobKey, presignSeconds);
      if (presigned) return reply.header('cache-control', redirectCacheControl).redirect(presigned, 302);
      const blob = await blobs.get(picture.blobKey);
      if (!blob) {
        // The row says downloaded but the bytes are gone (a wiped blob folder): 404 now, and the next
        // picture sync downloads it again.
        request.log.warn(
          { pictureId: id, blobKey: picture.blobKey },
          'picture bytes missing from the blob store; re-downloading on the next sync',
        );
        await repo.forgetDownload(id);
        throw notFound(id);
      }
      return reply
        .type(picture.contentType || blob.contentType)
        .header('content-length', blob.size)
        .header('etag', etag)
        .header('cache-control', cacheControl)
        .header('x-content-type-options', 'nosniff')
        .send(blob.stream);
    },
  );
};

/** Deleted, never downloaded, or never existed: all look the same (no information leak). */
const notFound = (id: number) =>
  new HamgamError('NOT_FOUND', `Picture ${id} not found`, { resource: 'picture', id });

/** If-None-Match: a list of (possibly weak) ETags, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
