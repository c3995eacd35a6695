import { writeFile } from 'node:fs/promises';
import type { Config } from '../config/config-schema.js';
import { configSchema } from '../config/config-schema.js';
import { createApp, type App } from '../create-app.js';
import { isHamgamError } from '../errors.js';
import { createSilentLogger } from '../logging/pino-logger.js';
import { backupFolderOf } from '../ops/backup-config.js';
import { FolderBackupTarget } from '../ops/backup-target.js';
import { doctorDepsOf, logDirsOf } from '../ops/doctor/doctor-app.js';
import { doctorText } from '../ops/doctor/doctor-text.js';
import type { DoctorDeps } from '../ops/doctor/doctor-types.js';
import { runDoctor } from '../ops/doctor/run-doctor.js';
import { supportBundle } from '../ops/support-bundle.js';
import { createSqlDb } from '../store/create-storage.js';
import type { CliCommand } from './command.js';
import { configWith } from './cli-support.js';

/**
 * `hamgam doctor [--lang fa|en] [--json] [--bundle <file.zip>] [--logs <folder>]`: checks every part of
 * the appliance and prints one line per check; exit 1 when any check failed. --bundle also writes a
 * support zip (report, redacted config, log tails) with no secret in it.
 */
export const command: CliCommand = {
  name: 'doctor',
  summary: 'check config, database, queue, files, Mahak, clock, disk, backups; --bundle for support',
  options: {
    db: { type: 'string' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
    bundle: { type: 'string' },
    logs: { type: 'string' },
  },
  async run(values) {
    const lang =
      values.lang === 'en' ? 'en' : values.lang === 'fa' || values.lang === undefined ? 'fa' : undefined;
    if (!lang) {
      console.error('hamgam doctor: --lang must be fa or en');
      return 2;
    }
    const { deps, close } = await assemble(
      values.db as string | undefined,
      values.logs as string | undefined,
    );
    try {
      const report = await runDoctor(deps);
      console.log(values.json ? JSON.stringify(report, null, 2) : doctorText(report, lang));
      if (typeof values.bundle === 'string') {
        const zip = await supportBundle({ report, config: deps.config, logDirs: logDirsOf(deps.config) });
        await writeFile(values.bundle, zip);
        console.error(`Support bundle: ${values.bundle} (${zip.length} bytes, no secrets)`);
      }
      return report.status === 'fail' ? 1 : 0;
    } finally {
      await close();
    }
  },
};

/**
 * The whole appliance when it starts; when it does not, whatever still opens (the database alone), with
 * the failure handed to the doctor to report under its part.
 */
async function assemble(
  db: string | undefined,
  logs: string | undefined,
): Promise<{ deps: DoctorDeps; close: () => Promise<void> }> {
  let config: Config;
  try {
    config = configWith({ db, ...(logs ? { logDir: logs } : {}) }, { logLevel: 'error' }).config;
  } catch (e) {
    if (!isHamgamError(e)) throw e;
    return {
      deps: { config: Object.freeze(configSchema.parse({})), startupError: errorOf(e) },
      close: async () => {},
    };
  }
  let app: App | undefined;
  try {
    app = await createApp(config, createSilentLogger());
    const started = app;
    return { deps: doctorDepsOf(started), close: () => started.close() };
  } catch (e) {
    const startupError = errorOf(e);
    const store = createSqlDb(config.db, createSilentLogger());
    const opened = await store.init().then(
      () => true,
      () => false,
    );
    return {
      deps: {
        config,
        startupError,
        ...(opened ? { db: store } : {}),
        // Backups in the blob store need the blob store, which is part of what did not start.
        ...(config.backupTarget === 'blob'
          ? {}
          : { backups: new FolderBackupTarget(backupFolderOf(config)) }),
      },
      close: async () => {
        if (opened) await store.close();
      },
    };
  }
}

function errorOf(e: unknown): { code: string; message: string } {
  return isHamgamError(e)
    ? { code: e.code, message: e.message }
    : { code: 'INTERNAL', message: (e as Error)?.message ?? String(e) };
}
