import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../core/config/load-config.js';
import { createApp, type App } from '../../core/create-app.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import type { SyncRunRecord } from '../../core/store/storage.js';
import type { PictureSyncStats } from '../../core/sync/picture-sync.js';
import { createTestPgDatabase } from '../support/services.js';
import { startS3rver, type RunningS3rver } from '../blob/s3rver-server.js';

export interface PictureRow {
  id: number;
  row_version: number;
  url: string;
  deleted_at: number | null;
  blob_key: string | null;
  content_hash: string | null;
  content_type: string | null;
  downloaded_row_version: number | null;
}

export interface PictureRig {
  sim: MahakSim;
  app: App;
  /** The blob folder (file driver only). */
  blobDir?: string;
  /** Pull through the real engine; returns the run and its picture stats. */
  pull(): Promise<{ run: SyncRunRecord; pictures: PictureSyncStats }>;
  /** Picture GETs the simulator has answered so far (its own request counter). */
  imageRequests(): number;
  /** The bytes Mahak serves at a picture's Url, read with plain fetch (not our client). */
  simBytes(url: string): Promise<{ bytes: Buffer; contentType: string }>;
  pictures(): Promise<PictureRow[]>;
  close(): Promise<void>;
}

export interface PictureRigOptions {
  blob: 'file' | 's3';
  db?: 'sqlite' | 'postgres';
  products?: number;
}

/**
 * The whole appliance through the composition root (createApp): the real Mahak simulator over HTTP, the
 * real engine with the local queue, SQLite (or PostgreSQL), and a folder or s3rver BlobStore; the HTTP API
 * is exercised with inject().
 */
export async function startPictureRig(options: PictureRigOptions): Promise<PictureRig> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-pictures-'));
  const sim = await startMahakSim({ port: 0, products: options.products ?? 24, seed: 1403 });
  const s3: RunningS3rver | undefined = options.blob === 's3' ? await startS3rver() : undefined;
  const pg = options.db === 'postgres' ? await createTestPgDatabase() : undefined;
  const blobDir = s3 ? undefined : join(dir, 'blobs');
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir: dir,
      db: pg?.url ?? `sqlite:${join(dir, 'hamgam.db')}`,
      queue: 'local',
      blob: s3 ? s3.blobUrl('hamgam-pictures') : `file:${blobDir}`,
      mahakUrl: sim.syncUrl,
      mahakUser: 'demo',
      mahakPassword: 'demo',
      logLevel: 'silent',
    },
  });
  const app = await createApp(config, createSilentLogger(), { server: true, schedule: false });
  await app.server!.ready();
  return {
    sim,
    app,
    blobDir,
    pull: async () => {
      const run = await app.engine.pullNow();
      return { run, pictures: run.stats.pictures as PictureSyncStats };
    },
    imageRequests: () => sim.control.stats().requests.Image ?? 0,
    simBytes: async (url) => {
      const res = await fetch(`${sim.origin}${url}`);
      if (!res.ok) throw new Error(`sim picture ${url}: HTTP ${res.status}`);
      return {
        bytes: Buffer.from(await res.arrayBuffer()),
        contentType: res.headers.get('content-type') ?? '',
      };
    },
    pictures: () => app.storage.db.query<PictureRow>('SELECT * FROM pictures ORDER BY id'),
    close: async () => {
      await app.close();
      await sim.close();
      await s3?.stop();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Files holding bytes in the blob folder (the driver's .meta and .tmp folders are bookkeeping). */
export function blobFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !join(e.parentPath, e.name).slice(root.length).startsWith('/.'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Staff delete a picture at the Mahak desk. The simulator's control API has no such operation yet, so until
 * it does this writes through the simulator's own transaction API (the one its desk operations use): a new
 * RowVersion with Deleted true, served by GetAllData like any other change.
 */
export function deletePictureInSim(sim: MahakSim, pictureId: number): void {
  const control = sim.control as unknown as {
    deletePicture?: (id: number) => unknown;
    engine: { db: { begin(): { update(e: string, id: number, patch: object): unknown; commit(): void } } };
  };
  if (typeof control.deletePicture === 'function') {
    control.deletePicture(pictureId);
    return;
  }
  const tx = control.engine.db.begin();
  tx.update('Pictures', pictureId, { Deleted: true });
  tx.commit();
}
