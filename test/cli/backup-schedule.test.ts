import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { runScheduledBackup } from '../../core/ops/backup-schedule.js';
import { FolderBackupTarget } from '../../core/ops/backup-target.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';

const logger = createSilentLogger();

describe('scheduled backups', () => {
  let dir: string;
  let url: string;
  let storage: Storage;
  let target: FolderBackupTarget;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hamgam-backup-schedule-'));
    url = `sqlite:${join(dir, 'hamgam.db')}`;
    storage = createStorage(url, logger);
    await storage.init();
    target = new FolderBackupTarget(join(dir, 'backups'));
  });

  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (iso: string) => () => new Date(iso);
  const run = (now: () => Date, instanceId = 'a') =>
    runScheduledBackup({ db: storage.db, dbUrl: url, target, keep: 2, logger, now, instanceId });

  it('backs up nightly, keeps the newest two, and leaves a fresh backup alone', async () => {
    const first = await run(at('2026-12-01T02:15:00.000Z'));
    expect(first?.name).toBe('hamgam-20261201-021500-000Z');
    // A second instance firing the same line minutes later finds the fresh backup and does nothing.
    expect(await run(at('2026-12-01T02:16:30.000Z'), 'b')).toBeUndefined();
    await run(at('2026-12-02T02:15:00.000Z'));
    await run(at('2026-12-03T02:15:00.000Z'));
    expect(await target.list()).toEqual(['hamgam-20261202-021500-000Z', 'hamgam-20261203-021500-000Z']);
  });

  it('does nothing while another instance holds the backup lock', async () => {
    expect(await storage.db.tryAcquireLock('backup', 'other-instance', 60_000)).toBe(true);
    expect(await run(at('2026-12-01T02:15:00.000Z'))).toBeUndefined();
    expect(await target.list()).toEqual([]);
    await storage.db.releaseLock('backup', 'other-instance');
    expect((await run(at('2026-12-01T02:15:00.000Z')))?.name).toBe('hamgam-20261201-021500-000Z');
  });
});
