import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import { deletePictureInSim, startPictureRig, type PictureRig } from './picture-rig.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// The S3 driver against s3rver (an npm package, so never skipped): the route redirects to a presigned
// URL and the picture bytes never pass through Hamgam's server.
describe('pictures: Mahak simulator -> S3 (s3rver) -> presigned redirect', () => {
  let rig: PictureRig;
  beforeAll(async () => {
    rig = await startPictureRig({ blob: 's3', products: 12 });
  });
  afterAll(() => rig?.close());

  const get = (id: number, headers: Record<string, string> = {}) =>
    rig.app.server!.inject({ method: 'GET', url: `/api/v1/pictures/${id}`, headers });

  it("stores every picture in the bucket and redirects to a presigned URL that serves Mahak's bytes", async () => {
    expect(rig.app.blobs.kind).toBe('s3');
    const before = rig.imageRequests();
    const { pictures } = await rig.pull();
    const rows = (await rig.pictures()).filter((p) => p.deleted_at === null);
    expect(rows.length).toBeGreaterThan(5);
    expect(pictures).toMatchObject({ downloaded: rows.length, failed: 0 });
    expect(rig.imageRequests() - before).toBe(rows.length);
    for (const p of rows) {
      expect(await rig.app.blobs.has(p.blob_key!)).toBe(true);
      const res = await get(p.id);
      expect(res.statusCode, res.body).toBe(302);
      const location = res.headers.location as string;
      expect(location).toMatch(/X-Amz-Signature=/);
      expect(location).toContain(p.blob_key!);
      const served = await fetch(location);
      expect(served.status).toBe(200);
      const bytes = Buffer.from(await served.arrayBuffer());
      const want = await rig.simBytes(p.url);
      expect(bytes.equals(want.bytes)).toBe(true);
      expect(served.headers.get('content-type')).toBe(want.contentType);
      expect(p.content_hash).toBe(sha256(want.bytes));
    }
  });

  it('downloads nothing on a second pull, and again only what Mahak changed', async () => {
    let before = rig.imageRequests();
    expect((await rig.pull()).pictures.downloaded).toBe(0);
    expect(rig.imageRequests() - before).toBe(0);
    const [p] = await rig.pictures();
    rig.sim.control.replacePicture(p.id);
    before = rig.imageRequests();
    expect((await rig.pull()).pictures).toMatchObject({ downloaded: 1, stored: 1 });
    expect(rig.imageRequests() - before).toBe(1);
    const now = (await rig.pictures()).find((r) => r.id === p.id)!;
    const res = await get(p.id);
    const bytes = Buffer.from(await (await fetch(res.headers.location as string)).arrayBuffer());
    expect(bytes.equals((await rig.simBytes(now.url)).bytes)).toBe(true);
  });

  it('answers 304 to a matching If-None-Match without presigning, and 404 once deleted', async () => {
    const [, p] = await rig.pictures();
    const res = await get(p.id, { 'if-none-match': `"${p.content_hash}"` });
    expect(res.statusCode).toBe(304);
    expect(res.headers.location).toBeUndefined();
    deletePictureInSim(rig.sim, p.id);
    await rig.pull();
    const gone = await get(p.id);
    expect(gone.statusCode).toBe(404);
    expect(gone.json<ErrorBody>().error.code).toBe('NOT_FOUND');
  });
});
