import { isAbsolute, join, resolve } from 'node:path';
import type { BlobStore } from '../blob/blob-store.js';
import type { Config } from '../config/config-schema.js';
import { BlobBackupTarget, FolderBackupTarget, type BackupTarget } from './backup-target.js';

/** `blob` = the blob store; anything else is a folder; empty = <dataDir>/backups. */
export function backupTargetOf(
  spec: string,
  config: Pick<Config, 'dataDir'>,
  blobs: () => BlobStore,
): BackupTarget {
  if (spec === 'blob') return new BlobBackupTarget(blobs());
  return new FolderBackupTarget(backupFolderOf({ backupTarget: spec, dataDir: config.dataDir }));
}

/** The backup folder for a folder target (not `blob`). */
export function backupFolderOf(config: Pick<Config, 'dataDir' | 'backupTarget'>): string {
  const folder = config.backupTarget === '' ? join(config.dataDir, 'backups') : config.backupTarget;
  return isAbsolute(folder) ? folder : resolve(folder);
}
