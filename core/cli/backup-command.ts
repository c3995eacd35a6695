import { createBlobStore } from '../blob/create-blob-store.js';
import { backupTargetOf } from '../ops/backup-config.js';
import { createBackup, pruneBackups } from '../ops/backup-service.js';
import { createSqlDb, redactUrl } from '../store/create-storage.js';
import type { CliCommand } from './command.js';
import { configWith, intOption } from './cli-support.js';

/**
 * `hamgam backup [--db URL] [--to <folder>|blob] [--keep N] [--list]`: an online backup of the store
 * (SQLite backup API or pg_dump) with a manifest of its schema and table checksums; older backups
 * beyond --keep (HAMGAM_BACKUP_KEEP) are removed. Hamgam may keep running meanwhile.
 */
export const command: CliCommand = {
  name: 'backup',
  summary: 'back up the store (online) to a folder or the blob store, keeping the newest N',
  options: {
    db: { type: 'string' },
    to: { type: 'string' },
    keep: { type: 'string' },
    list: { type: 'boolean' },
  },
  async run(values) {
    const keep = intOption(values.keep, 'keep');
    const { config, logger } = configWith(
      { db: values.db, backupTarget: values.to, ...(keep ? { backupKeep: keep } : {}) },
      { logLevel: 'warn' },
    );
    const blobs = config.backupTarget === 'blob' ? createBlobStore(config.blob, logger) : undefined;
    const target = backupTargetOf(config.backupTarget, config, () => blobs!);
    await blobs?.init();
    try {
      if (values.list) {
        const names = await target.list();
        console.log(`${names.length} backup(s) in ${target.description}`);
        for (const name of names) console.log(`  ${name}`);
        return 0;
      }
      const db = createSqlDb(config.db, logger);
      await db.init();
      try {
        console.log(`Backing up ${redactUrl(config.db)} to ${target.description}`);
        const manifest = await createBackup({ db, dbUrl: config.db, target, logger });
        const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
        console.log(
          `Saved ${manifest.name}: schema ${manifest.schema.version}, ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.dump.bytes} bytes.`,
        );
        const removed = await pruneBackups(target, config.backupKeep);
        if (removed.length) console.log(`Removed ${removed.length} older backup(s): ${removed.join(', ')}`);
        console.log(
          'The settings key (<data folder>/settings.key) is not in the backup: keep a copy of it apart.',
        );
        return 0;
      } finally {
        await db.close();
      }
    } finally {
      await blobs?.close();
    }
  },
};
