import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createBlobStore } from '../blob/create-blob-store.js';
import { manifestFileName } from '../ops/backup-manifest.js';
import { backupTargetOf } from '../ops/backup-config.js';
import { restoreBackup } from '../ops/backup-service.js';
import { FolderBackupTarget, type BackupTarget } from '../ops/backup-target.js';
import { createSqlDb, redactUrl } from '../store/create-storage.js';
import type { CliCommand } from './command.js';
import { configWith } from './cli-support.js';

const usage =
  'usage: hamgam restore <backup name | backup folder> [--from <folder>|blob] [--db URL] --yes\n' +
  '       (stop Hamgam first; the database is replaced by the backup)';

/**
 * `hamgam restore <name|folder> [--from ...] [--db URL] --yes`: replaces the store with a backup after
 * checking it (schema not newer than this build, same database kind, dump intact), verifies every table
 * against the manifest, migrates to this build's schema and marks the restore for the push.
 */
export const command: CliCommand = {
  name: 'restore',
  summary: 'replace the store with a backup (checked, verified by checksums, then migrated)',
  options: { db: { type: 'string' }, from: { type: 'string' }, yes: { type: 'boolean' } },
  async run(values, positionals) {
    const [which] = positionals;
    if (!which || positionals.length > 1) {
      console.error(usage);
      return 2;
    }
    const { config, logger } = configWith({ db: values.db, backupTarget: values.from }, { logLevel: 'warn' });
    const direct = existsSync(join(which, manifestFileName));
    const blobs =
      !direct && config.backupTarget === 'blob' ? createBlobStore(config.blob, logger) : undefined;
    const target: BackupTarget = direct
      ? new FolderBackupTarget(dirname(join(which, '.')))
      : backupTargetOf(config.backupTarget, config, () => blobs!);
    const name = direct ? basename(join(which, '.')) : which;
    if (!values.yes) {
      console.error(`This replaces ${redactUrl(config.db)} with backup ${name} from ${target.description}.`);
      console.error('Stop Hamgam first, then run again with --yes.');
      return 2;
    }
    await blobs?.init();
    try {
      const probe = createSqlDb(config.db, logger);
      const result = await restoreBackup({
        dbUrl: config.db,
        dialect: probe.dialect,
        open: async () => {
          const db = createSqlDb(config.db, logger);
          await db.init();
          return db;
        },
        target,
        name,
        logger,
      });
      const m = result.manifest;
      console.log(
        `Restored ${m.name} (made ${m.createdAt} by Hamgam ${m.appVersion}, schema ${m.schema.version}).`,
      );
      console.log(`Verified ${result.tablesVerified} tables against the backup's checksums.`);
      for (const x of result.migrated) console.log(`  migrated ${String(x.id).padStart(3, '0')} ${x.name}`);
      console.log(
        'Before sending anything, the push moves its ClientIds past the highest Mahak already holds.',
      );
      return 0;
    } finally {
      await blobs?.close();
    }
  },
};
