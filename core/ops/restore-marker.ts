import type { SqlExecutor } from '../store/sql-db.js';
import type { BackupManifest } from './backup-manifest.js';

/**
 * Left in push_settings by a restore. A restored database has its ClientId sequences as they were at
 * backup time, while Mahak may already hold ids handed out after it (ARCHITECTURE.md invariant 5): the
 * push must move its sequences past the highest ClientId Mahak holds before it sends again. The push
 * does that at start; the marker says a restore happened and when, for the push and for `hamgam doctor`.
 */
export const restoreMarkerKey = 'restored_from_backup';

export interface RestoreMarker {
  backup: string;
  backupCreatedAt: string;
  restoredAt: number;
}

export async function markRestored(
  db: SqlExecutor,
  manifest: BackupManifest,
  now = Date.now(),
): Promise<void> {
  const value: RestoreMarker = {
    backup: manifest.name,
    backupCreatedAt: manifest.createdAt,
    restoredAt: now,
  };
  await db.run(
    'INSERT INTO push_settings AS t (key, value, updated_at) VALUES (?, ?, ?) ' +
      'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    [restoreMarkerKey, JSON.stringify(value), now],
  );
}

/** The marker of the last restore, while the push has not yet cleared it. */
export async function readRestoreMarker(db: SqlExecutor): Promise<RestoreMarker | undefined> {
  const rows = await db.query<{ value: string }>('SELECT value FROM push_settings WHERE key = ?', [
    restoreMarkerKey,
  ]);
  if (!rows[0]) return undefined;
  try {
    return JSON.parse(rows[0].value) as RestoreMarker;
  } catch {
    return undefined;
  }
}
