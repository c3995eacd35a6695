import { join } from 'node:path';
import type { App } from '../../create-app.js';
import { backupTargetOf } from '../backup-config.js';
import type { DoctorDeps } from './doctor-types.js';

/** The doctor's view of a running appliance. */
export function doctorDepsOf(app: Pick<App, 'config' | 'storage' | 'queue' | 'blobs' | 'mahak'>): DoctorDeps {
  return {
    config: app.config,
    db: app.storage.db,
    queue: app.queue,
    blobs: app.blobs,
    mahak: app.mahak,
    backups: backupTargetOf(app.config.backupTarget, app.config, () => app.blobs),
  };
}

/** Where the support bundle looks for log files. */
export function logDirsOf(config: { logDir?: string; dataDir: string }): string[] {
  return [config.logDir ?? join(config.dataDir, 'logs')];
}
