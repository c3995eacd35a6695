import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../core/blob/file-blob-store.js';
import { isHamgamError } from '../../core/errors.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createBackup, pruneBackups, restoreBackup } from '../../core/ops/backup-service.js';
import { BlobBackupTarget, FolderBackupTarget, type BackupTarget } from '../../core/ops/backup-target.js';
import { readRestoreMarker, restoreMarkerKey } from '../../core/ops/restore-marker.js';
import { storeDigests } from '../../core/ops/store-digests.js';
import { createSqlDb, createStorage } from '../../core/store/create-storage.js';
import type { SqlDb } from '../../core/store/sql-db.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { runCli } from '../store/cli-process.js';
import { startMahakSim } from '../../core/mahak-sim/index.js';
import { setGenerationOnce } from '../../core/push/outbox-repo.js';
import { createServer } from 'node:net';
import { loadCatalog } from '../store/persian-catalog.js';

const logger = createSilentLogger();
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isHamgamError(e) ? e.code : String(e)),
  );

/** A store with the Persian catalogue, a dead letter, an order sequence and a run record. */
async function seed(storage: Storage): Promise<void> {
  await loadCatalog(storage);
  await storage.addDeadLetter({
    source: 'pull',
    kind: 'People',
    payload: { PersonId: 7, FirstName: 'مريم' },
    reason: 'VALIDATION_FAILED',
    attempts: 5,
    history: [{ at: 1, error: 'خطا' }],
  });
  await storage.db.run("UPDATE push_sequences SET value = 41 WHERE name = 'order'");
}

/** What happens after the backup: a renamed product, a new dead letter, orders handed out. */
async function changeData(db: SqlDb): Promise<void> {
  await db.run("UPDATE products SET name = 'شیر کم‌چرب تغییرکرده' WHERE id = 101");
  await db.run('DELETE FROM checkpoints');
  await db.run("UPDATE push_sequences SET value = 58 WHERE name = 'order'");
  // As a later migration would: the restore must not leave it behind (the schema goes back too).
  await db.run('CREATE TABLE later_migration_table (id INTEGER PRIMARY KEY)');
}

async function openDb(url: string): Promise<SqlDb> {
  const db = createSqlDb(url, logger);
  await db.init();
  return db;
}

/** Digests after a restore, without the restore's own marker (checked on its own). */
async function digestsWithoutMarker(url: string) {
  const db = await openDb(url);
  try {
    const marker = await readRestoreMarker(db);
    await db.run('DELETE FROM push_settings WHERE key = ?', [restoreMarkerKey]);
    return { marker, digests: await storeDigests(db) };
  } finally {
    await db.close();
  }
}

function backupRoundTrip(label: string, makeDb: () => Promise<{ url: string; drop: () => Promise<void> }>) {
  describe(label, () => {
    let dir: string;
    let url: string;
    let drop: () => Promise<void>;
    let storage: Storage;
    let target: BackupTarget;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'hamgam-backup-test-'));
      ({ url, drop } = await makeDb.call({ dir }));
      storage = createStorage(url, logger);
      await storage.init();
      await seed(storage);
      target = new FolderBackupTarget(join(dir, 'backups'));
    });

    afterEach(async () => {
      await storage.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const restore = (name: string, from: BackupTarget = target) =>
      restoreBackup({
        dbUrl: url,
        dialect: storage.db.dialect,
        open: () => openDb(url),
        target: from,
        name,
        logger,
      });

    it('backs up, the data changes, the restore brings back exactly the backed-up tables', async () => {
      const before = await storeDigests(storage.db);
      const manifest = await createBackup({ db: storage.db, dbUrl: url, target, logger });
      expect(manifest.tables).toEqual(before);
      expect(manifest.tables.products.rows).toBeGreaterThan(30);
      expect(manifest.schema.version).toBeGreaterThanOrEqual(13);

      await changeData(storage.db);
      const changed = await storeDigests(storage.db);
      for (const table of ['products', 'checkpoints', 'push_sequences'])
        expect(changed[table], table).not.toEqual(before[table]);
      await storage.close();

      const result = await restore(manifest.name);
      expect(result.tablesVerified).toBe(Object.keys(before).length);
      const after = await digestsWithoutMarker(url);
      expect(after.digests).toEqual(before);
      expect(after.marker?.backup).toBe(manifest.name);
      storage = createStorage(url, logger);
      await storage.init();
      const [row] = await storage.db.query<{ name: string }>('SELECT name FROM products WHERE id = 101');
      expect(row.name).not.toBe('شیر کم‌چرب تغییرکرده');
    });

    it('refuses a backup made by a newer schema and leaves the database as it was', async () => {
      const manifest = await createBackup({ db: storage.db, dbUrl: url, target, logger });
      const file = join(dir, 'backups', manifest.name, 'manifest.json');
      const edited = JSON.parse(readFileSync(file, 'utf8')) as typeof manifest;
      edited.schema.migrations.push({ id: 999, name: 'from-the-future' });
      edited.schema.version = 999;
      writeFileSync(file, JSON.stringify(edited));
      await changeData(storage.db);
      const current = await storeDigests(storage.db);
      await storage.close();

      expect(await codeOf(restore(manifest.name))).toBe('BACKUP_NEWER_SCHEMA');
      const db = await openDb(url);
      try {
        expect(await storeDigests(db)).toEqual(current);
      } finally {
        await db.close();
      }
      storage = createStorage(url, logger);
      await storage.init();
    });

    it('refuses a damaged dump', async () => {
      const manifest = await createBackup({ db: storage.db, dbUrl: url, target, logger });
      const dump = join(dir, 'backups', manifest.name, manifest.dump.file);
      const bytes = readFileSync(dump);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      writeFileSync(dump, bytes);
      await storage.close();
      expect(await codeOf(restore(manifest.name))).toBe('BACKUP_INVALID');
      storage = createStorage(url, logger);
      await storage.init();
    });

    it('keeps the newest N and restores from the blob store', async () => {
      const blobs = new FileBlobStore(join(dir, 'blobs'), logger);
      await blobs.init();
      const inBlobs = new BlobBackupTarget(blobs);
      const names: string[] = [];
      for (const at of ['2026-12-01T02:15:00.000Z', '2026-12-02T02:15:00.000Z', '2026-12-03T02:15:00.000Z'])
        names.push(
          (await createBackup({ db: storage.db, dbUrl: url, target: inBlobs, logger, now: new Date(at) }))
            .name,
        );
      expect(await inBlobs.list()).toEqual(names);
      expect(await pruneBackups(inBlobs, 2)).toEqual([names[0]]);
      expect(await inBlobs.list()).toEqual(names.slice(1));
      expect(await codeOf(inBlobs.readManifest(names[0]))).toBe('NOT_FOUND');

      const before = await storeDigests(storage.db);
      await changeData(storage.db);
      await storage.close();
      await restore(names[2], inBlobs);
      expect((await digestsWithoutMarker(url)).digests).toEqual(before);
      storage = createStorage(url, logger);
      await storage.init();
    });
  });
}

backupRoundTrip('backup and restore on SQLite (online backup API)', async function (this: { dir: string }) {
  return { url: `sqlite:${join(this.dir, 'hamgam.db')}`, drop: async () => {} };
});

describe.skipIf(!hasPostgres)('PostgreSQL', () => {
  backupRoundTrip('backup and restore on PostgreSQL (pg_dump / pg_restore)', createTestPgDatabase);
});

describe('hamgam backup / hamgam restore commands', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up and restores through the command line, asking for --yes first', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hamgam-backup-cli-'));
    const url = `sqlite:${join(dir, 'hamgam.db')}`;
    const storage = createStorage(url, logger);
    await storage.init();
    await seed(storage);
    // A store that has pushed before: its ClientId generation is chosen.
    await setGenerationOnce(storage.db, 0);
    const before = await storeDigests(storage.db);
    await storage.close();
    writeFileSync(join(dir, 'hamgam.config.json'), '{}');
    const env = {
      HAMGAM_DATA_DIR: dir,
      HAMGAM_CONFIG: join(dir, 'hamgam.config.json'),
      HAMGAM_MAHAK_URL: `http://127.0.0.1:${await closedPort()}/API/v3/Sync`,
      HAMGAM_LOG_LEVEL: 'silent',
    };

    const backup = await runCli(['backup', '--db', url, '--to', join(dir, 'b')], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const name = /Saved (hamgam-\S+):/.exec(backup.stdout)?.[1];
    expect(name).toBeDefined();
    const listed = await runCli(['backup', '--list', '--to', join(dir, 'b')], env);
    expect(listed.stdout).toContain(name);

    const db = await openDb(url);
    await changeData(db);
    await db.close();
    const unconfirmed = await runCli(['restore', join(dir, 'b', name!), '--db', url], env);
    expect(unconfirmed.code).toBe(2);
    const restored = await runCli(['restore', join(dir, 'b', name!), '--db', url, '--yes'], env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${name}`);
    // Mahak out of reach: the marker stays for the push to check the ClientIds before it sends.
    expect(restored.stdout).toContain('Mahak could not be asked for its ClientIds');
    const marked = await openDb(url);
    expect((await readRestoreMarker(marked))?.backup).toBe(name);
    await marked.close();

    // With Mahak there, the restore moves the sequences past Mahak's ClientIds itself and clears the marker.
    const sim = await startMahakSim({ port: 0, products: 5, seed: 3 });
    try {
      const again = await runCli(['restore', join(dir, 'b', name!), '--db', url, '--yes'], {
        ...env,
        HAMGAM_MAHAK_URL: sim.syncUrl,
      });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('ClientIds checked against Mahak: order sequence 41');
    } finally {
      await sim.close();
    }
    const after = await digestsWithoutMarker(url);
    expect(after.marker).toBeUndefined();
    // Asking Mahak starts the appliance once, which keeps its token-signing secret in the database.
    const changedByStart = Object.keys(before).filter(
      (t) => JSON.stringify(after.digests[t]) !== JSON.stringify(before[t]),
    );
    expect(changedByStart).toEqual(['account_settings']);
  }, 240_000);
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
