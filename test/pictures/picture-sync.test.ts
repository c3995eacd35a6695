import { createHash } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../core/contracts/error-codes.js';
import type { SyncEvent } from '../../core/sync/sync-events.js';
import { hasPostgres } from '../support/services.js';
import {
  blobFiles,
  deletePictureInSim,
  startPictureRig,
  type PictureRig,
  type PictureRow,
} from './picture-rig.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// The folder BlobStore end to end, once per database (the picture repo's SQL runs on both).
for (const db of ['sqlite', 'postgres'] as const) {
  describe.skipIf(db === 'postgres' && !hasPostgres)(
    `pictures: Mahak simulator -> folder blobs -> API (${db})`,
    () => {
      let rig: PictureRig;
      const events: SyncEvent[] = [];
      beforeAll(async () => {
        rig = await startPictureRig({ blob: 'file', db });
        rig.app.engine.events.on((e) => events.push(e));
      });
      afterAll(() => rig?.close());

      const get = (id: number, headers: Record<string, string> = {}) =>
        rig.app.server!.inject({ method: 'GET', url: `/api/v1/pictures/${id}`, headers });
      const live = async (): Promise<PictureRow[]> =>
        (await rig.pictures()).filter((p) => p.deleted_at === null);

      async function expectServedAsMahak(p: PictureRow): Promise<string> {
        const want = await rig.simBytes(p.url);
        const res = await get(p.id);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.rawPayload.equals(want.bytes)).toBe(true);
        expect(res.headers['content-type']).toBe(want.contentType);
        expect(res.headers.etag).toBe(`"${sha256(want.bytes)}"`);
        expect(res.headers['cache-control']).toBe('public, max-age=86400');
        return res.headers.etag as string;
      }

      it("downloads every picture of the first pull into the blob store and serves Mahak's bytes", async () => {
        const before = rig.imageRequests();
        const { run, pictures } = await rig.pull();
        const rows = await live();
        expect(rows.length).toBeGreaterThan(10);
        expect(run.status).toBe('ok');
        expect(pictures).toMatchObject({
          downloaded: rows.length,
          failed: 0,
          deadLettered: 0,
          superseded: 0,
        });
        expect(pictures.stored + pictures.alreadyStored).toBe(rows.length);
        expect(rig.imageRequests() - before).toBe(rows.length);
        for (const p of rows) {
          expect(p.downloaded_row_version).toBe(p.row_version);
          expect(await rig.app.blobs.has(p.blob_key!)).toBe(true);
          await expectServedAsMahak(p);
        }
        // Content-addressed: one file per distinct content, however many pictures share it.
        expect(blobFiles(rig.blobDir!)).toHaveLength(new Set(rows.map((p) => p.content_hash)).size);
        const last = events.filter((e) => e.type === 'pictures-progress').at(-1);
        expect(last).toMatchObject({
          type: 'pictures-progress',
          runId: run.id,
          done: true,
          downloaded: rows.length,
        });
      });

      it('answers 304 to a matching If-None-Match, 200 to a stale one', async () => {
        const [p] = await live();
        const etag = `"${p.content_hash}"`;
        const res = await get(p.id, { 'if-none-match': `"stale", ${etag}` });
        expect(res.statusCode).toBe(304);
        expect(res.rawPayload.length).toBe(0);
        expect(res.headers.etag).toBe(etag);
        expect((await get(p.id, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
      });

      it('downloads nothing on a second pull when no picture changed', async () => {
        const before = rig.imageRequests();
        const files = blobFiles(rig.blobDir!).length;
        const { pictures } = await rig.pull();
        expect(rig.imageRequests() - before).toBe(0);
        expect(pictures).toMatchObject({ downloaded: 0, stored: 0, failed: 0 });
        expect(blobFiles(rig.blobDir!)).toHaveLength(files);
      });

      it('downloads a picture again when Mahak replaces it (new RowVersion, new bytes)', async () => {
        const [, p] = await live();
        const oldEtag = await expectServedAsMahak(p);
        rig.sim.control.replacePicture(p.id);
        const before = rig.imageRequests();
        const { pictures } = await rig.pull();
        expect(rig.imageRequests() - before).toBe(1);
        expect(pictures).toMatchObject({ downloaded: 1, stored: 1, alreadyStored: 0 });
        const now = (await live()).find((r) => r.id === p.id)!;
        expect(now.row_version).toBeGreaterThan(p.row_version);
        expect(now.url).not.toBe(p.url);
        const newEtag = await expectServedAsMahak(now);
        expect(newEtag).not.toBe(oldEtag);
      });

      it('fetches a changed row whose bytes are identical once, and does not store them twice', async () => {
        const [, , p] = await live();
        rig.sim.control.touch('Pictures', p.id);
        const files = blobFiles(rig.blobDir!).length;
        // The folder driver writes by rename: a second put would leave a new inode behind.
        const blobFile = join(rig.blobDir!, ...p.blob_key!.split('/'));
        const inode = statSync(blobFile).ino;
        const before = rig.imageRequests();
        const { pictures } = await rig.pull();
        expect(rig.imageRequests() - before).toBe(1);
        expect(pictures).toMatchObject({ downloaded: 1, stored: 0, alreadyStored: 1 });
        expect(blobFiles(rig.blobDir!)).toHaveLength(files);
        const now = (await live()).find((r) => r.id === p.id)!;
        expect(now.downloaded_row_version).toBe(now.row_version);
        expect(now.blob_key).toBe(p.blob_key);
        expect(statSync(blobFile).ino).toBe(inode);
      });

      it('answers 404 NOT_FOUND for a picture deleted in Mahak, and for one that never existed', async () => {
        const [, , , p] = await live();
        expect((await get(p.id)).statusCode).toBe(200);
        deletePictureInSim(rig.sim, p.id);
        const before = rig.imageRequests();
        await rig.pull();
        expect(rig.imageRequests() - before).toBe(0);
        for (const id of [p.id, 987654321]) {
          const res = await get(id);
          expect(res.statusCode).toBe(404);
          expect(res.json<ErrorBody>().error).toMatchObject({ code: 'NOT_FOUND', messageFa: 'پیدا نشد' });
        }
        expect((await get(0)).statusCode).toBe(400);
      });

      it('re-downloads a picture whose bytes vanished from the blob folder', async () => {
        const [, , , , , p] = await live();
        rmSync(join(rig.blobDir!, ...p.blob_key!.split('/')));
        expect((await get(p.id)).statusCode).toBe(404);
        const before = rig.imageRequests();
        expect((await rig.pull()).pictures).toMatchObject({ downloaded: 1, stored: 1 });
        expect(rig.imageRequests() - before).toBe(1);
        await expectServedAsMahak(p);
      });

      it('retries a failing download on the next runs, then hands it to the dead letters', async () => {
        const [, , , , p] = await live();
        const etag = `"${p.content_hash}"`;
        rig.sim.control.replacePicture(p.id);
        // Every picture GET fails with 503 (the client retries each download 4 times: 3 runs = 12 GETs).
        const fault = rig.sim.control.addFault({ kind: 'http5xx', operation: 'Image', status: 503 });
        try {
          for (let attempt = 1; attempt <= 3; attempt++) {
            const { run, pictures } = await rig.pull();
            expect(run.status).toBe('ok');
            expect(pictures).toMatchObject({ downloaded: 0, failed: 1, deadLettered: attempt === 3 ? 1 : 0 });
            // Meanwhile the previous version stays published.
            expect((await get(p.id)).headers.etag).toBe(etag);
          }
        } finally {
          rig.sim.control.removeFault(fault.id);
        }
        const letters = (await rig.app.storage.listDeadLetters()).filter((l) => l.source === 'pictures');
        expect(letters).toHaveLength(1);
        expect(letters[0]).toMatchObject({ kind: 'Picture', attempts: 3, payload: { pictureId: p.id } });
        expect(letters[0].history).toHaveLength(3);
        // Given up: not fetched again until Mahak changes the row.
        const before = rig.imageRequests();
        expect((await rig.pull()).pictures.downloaded).toBe(0);
        expect(rig.imageRequests() - before).toBe(0);
        rig.sim.control.replacePicture(p.id);
        expect((await rig.pull()).pictures).toMatchObject({ downloaded: 1, failed: 0 });
        await expectServedAsMahak((await live()).find((r) => r.id === p.id)!);
      }, 60_000);
    },
  );
}

// Infrastructure failures are not the pictures' fault: they stop the picture sync without counting a
// single attempt, so an outage never walks the catalogue into the dead letters.
describe('pictures: outages stop the picture sync without blaming pictures', () => {
  let rig: PictureRig;
  beforeAll(async () => {
    rig = await startPictureRig({ blob: 'file', products: 30 });
  });
  afterAll(() => rig?.close());

  const failureRows = () => rig.app.storage.db.query('SELECT * FROM picture_downloads');
  const pictureLetters = async () =>
    (await rig.app.storage.listDeadLetters()).filter((l) => l.source === 'pictures');

  it('a broken blob store: the run stays ok, the error is in the stats, the next run catches up', async () => {
    // A file where the driver needs its sha256/ folder: every put fails with BLOB_UNAVAILABLE.
    rmSync(join(rig.blobDir!, 'sha256'), { recursive: true, force: true });
    writeFileSync(join(rig.blobDir!, 'sha256'), 'not a folder');
    const { run, pictures } = await rig.pull();
    expect(run.status).toBe('ok');
    expect(pictures.error).toMatch(/blob store/i);
    expect(pictures).toMatchObject({ downloaded: 0, failed: 0, deadLettered: 0 });
    expect(await failureRows()).toEqual([]);
    rmSync(join(rig.blobDir!, 'sha256'));
    const again = await rig.pull();
    const live = (await rig.pictures()).filter((p) => p.deleted_at === null);
    expect(again.pictures).toMatchObject({ downloaded: live.length, failed: 0 });
    expect(again.pictures.error).toBeUndefined();
  });

  it("Mahak's picture host down: the breaker opens and the rest waits for the next run", async () => {
    const live = (await rig.pictures()).filter((p) => p.deleted_at === null);
    for (const p of live) rig.sim.control.replacePicture(p.id);
    const fault = rig.sim.control.addFault({ kind: 'http5xx', operation: 'Image', status: 502 });
    try {
      const { run, pictures } = await rig.pull();
      expect(run.status).toBe('ok');
      expect(pictures.error).toMatch(/breaker/i);
      expect(pictures.downloaded).toBe(0);
      // Only downloads that ran out of retries before the breaker opened count (at most one per slot).
      expect(pictures.failed).toBeLessThanOrEqual(4);
      expect((await failureRows()).length).toBe(pictures.failed);
      expect(await pictureLetters()).toEqual([]);
    } finally {
      rig.sim.control.removeFault(fault.id);
    }
  }, 60_000);
});
