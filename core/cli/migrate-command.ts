import { migrationStatus, runMigrations } from '../store/migrate.js';
import { createSqlDb, redactUrl } from '../store/create-storage.js';
import type { CliCommand } from './command.js';
import { configWith } from './cli-support.js';

/** `hamgam migrate [--db URL]`: applies pending migrations and says what it applied. */
export const command: CliCommand = {
  name: 'migrate',
  summary: 'apply pending database migrations (HAMGAM_DB or --db sqlite:<path> | postgres://...)',
  options: { db: { type: 'string' } },
  async run(values) {
    const { config, logger } = configWith({ db: values.db }, { logLevel: 'warn' });
    const db = createSqlDb(config.db, logger);
    await db.init();
    try {
      console.log(`Database: ${redactUrl(config.db)}`);
      const applied = await runMigrations(db, logger);
      const status = await migrationStatus(db);
      const latest = status.applied.at(-1);
      if (applied.length === 0)
        console.log(`Nothing to apply: ${status.applied.length} migrations already applied.`);
      for (const m of applied) console.log(`  applied ${String(m.id).padStart(3, '0')} ${m.name}`);
      if (latest) console.log(`Schema at ${String(latest.id).padStart(3, '0')} ${latest.name}.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
