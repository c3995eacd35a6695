import { randomUUID } from 'node:crypto';
import schedule from 'node-schedule';
import type { BlobStore } from '../blob/blob-store.js';
import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import { backupTargetOf } from './backup-config.js';
import type { BackupManifest } from './backup-manifest.js';
import { createBackup, pruneBackups } from './backup-service.js';
import type { BackupTarget } from './backup-target.js';

const lockName = 'backup';
const lockTtlMs = 60_000;
/**
 * Several instances on one database fire the same cron line at about the same moment; the first takes
 * the lock and backs up, a later one finding a backup this young in the target leaves it at that.
 */
const freshForMs = 10 * 60_000;

export interface ScheduledBackupDeps {
  db: SqlDb;
  dbUrl: string;
  target: BackupTarget;
  keep: number;
  logger: Logger;
  instanceId?: string;
  now?: () => Date;
}

/**
 * One scheduled backup: under the database's `backup` lock (renewed while it runs), skipped when the
 * target already holds a fresh one, then the retention. undefined when nothing was done.
 */
export async function runScheduledBackup(deps: ScheduledBackupDeps): Promise<BackupManifest | undefined> {
  const owner = deps.instanceId ?? randomUUID();
  const now = deps.now ?? (() => new Date());
  if (!(await deps.db.tryAcquireLock(lockName, owner, lockTtlMs))) return undefined;
  const renew = setInterval(() => {
    deps.db.tryAcquireLock(lockName, owner, lockTtlMs).catch(() => undefined);
  }, lockTtlMs / 3);
  try {
    const newest = (await deps.target.list()).at(-1);
    if (
      newest &&
      now().getTime() - (await deps.target.readManifest(newest).then((m) => Date.parse(m.createdAt))) <
        freshForMs
    )
      return undefined;
    const manifest = await createBackup({ ...deps, now: now() });
    const removed = await pruneBackups(deps.target, deps.keep);
    if (removed.length) deps.logger.info({ removed }, 'old backups removed');
    return manifest;
  } finally {
    clearInterval(renew);
    await deps.db.releaseLock(lockName, owner).catch(() => undefined);
  }
}

/** Starts the cron job (`off` = none); returns its stop function. A failure is logged, never thrown. */
export function startBackupSchedule(cron: string, deps: ScheduledBackupDeps): () => void {
  if (cron === 'off') return () => {};
  const log = deps.logger.child({ component: 'backup' });
  const job = schedule.scheduleJob('hamgam-backup', cron, () => {
    runScheduledBackup({ ...deps, logger: log }).then(
      (m) => m && log.info({ backup: m.name }, 'scheduled backup done'),
      (e: unknown) => log.error({ err: e }, 'scheduled backup failed'),
    );
  });
  if (!job) {
    log.error({ cron }, 'backup schedule is not a valid cron line; no scheduled backups');
    return () => {};
  }
  return () => job.cancel();
}

/** The appliance's own backups (serve, the desktop engine), from config; none for an in-memory store. */
export function startConfiguredBackups(
  config: Pick<Config, 'db' | 'dataDir' | 'backupTarget' | 'backupSchedule' | 'backupKeep'>,
  parts: { db: SqlDb; blobs: BlobStore; logger: Logger },
): () => void {
  if (/^sqlite::memory:/.test(config.db)) return () => {};
  return startBackupSchedule(config.backupSchedule, {
    db: parts.db,
    dbUrl: config.db,
    target: backupTargetOf(config.backupTarget, config, () => parts.blobs),
    keep: config.backupKeep,
    logger: parts.logger,
  });
}
