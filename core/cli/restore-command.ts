import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createBlobStore } from '../blob/create-blob-store.js';
import type { Config } from '../config/config-schema.js';
import { createApp } from '../create-app.js';
import type { Logger } from '../logging/logger.js';
import { manifestFileName } from '../ops/backup-manifest.js';
import { backupTargetOf } from '../ops/backup-config.js';
import { restoreBackup } from '../ops/backup-service.js';
import { raiseClientIdFloor } from '../push/client-id-floor.js';
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
      await checkClientIdFloor(config, logger);
      return 0;
    } finally {
      await blobs?.close();
    }
  },
};

/**
 * The restored sequences stand where they stood at backup time, and Mahak may hold ClientIds handed out
 * since (ARCHITECTURE.md invariant 5): move them past Mahak's now, before the server takes an order.
 * Mahak out of reach: the restore's marker stays and the push does it before it sends anything.
 */
async function checkClientIdFloor(config: Config, logger: Logger): Promise<void> {
  const app = await createApp(config, logger);
  try {
    const floor = await raiseClientIdFloor(app.storage.db, app.mahak, { pageSize: config.pageSize, logger });
    console.log(
      `ClientIds checked against Mahak: order sequence ${floor.now.order}, person sequence ${floor.now.person}` +
        (floor.raised ? ' (moved past what Mahak already holds).' : '.'),
    );
  } catch (e) {
    console.log(
      `Mahak could not be asked for its ClientIds (${(e as { code?: string }).code ?? (e as Error).message}); ` +
        'the push moves its sequences past them before it sends anything.',
    );
  } finally {
    await app.close();
  }
}
