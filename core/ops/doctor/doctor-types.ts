import type { BlobStore } from '../../blob/blob-store.js';
import type { Config } from '../../config/config-schema.js';
import type { Bilingual, DoctorCheck, DoctorCheckId, DoctorStatus } from '../../contracts/admin-doctor.js';
import type { MahakSession } from '../../mahak/mahak-client.js';
import type { Queue } from '../../queue/queue.js';
import type { SqlDb } from '../../store/sql-db.js';
import type { BackupTarget } from '../backup-target.js';

/**
 * What the doctor looks at. Parts are absent when the appliance could not be assembled; the failure
 * that stopped it is `startupError`, reported under the check it belongs to (database, queue, ...).
 */
export interface DoctorDeps {
  config: Config;
  startupError?: { code: string; message: string };
  db?: SqlDb;
  queue?: Pick<Queue, 'ping' | 'depth'>;
  blobs?: Pick<BlobStore, 'ping' | 'kind'>;
  mahak?: { ping(): Promise<void>; session(): Promise<MahakSession> };
  backups?: BackupTarget;
  now?: () => number;
}

export type Facts = DoctorCheck['facts'];

/** A check's verdict before the runner adds its title and timing. */
export interface Finding {
  status: DoctorStatus;
  summary: Bilingual;
  facts?: Facts;
}

export type CheckFn = (deps: DoctorDeps) => Promise<Finding>;

export interface CheckDef {
  id: DoctorCheckId;
  title: Bilingual;
  run: CheckFn;
}

export const finding = (status: DoctorStatus, en: string, fa: string, facts: Facts = {}): Finding => ({
  status,
  summary: { en, fa },
  facts,
});

/** The startup failure, when it is this check's part that failed (its code starts with the prefix). */
export function startupFailure(deps: DoctorDeps, prefix: string): Finding | undefined {
  const e = deps.startupError;
  if (!e || !e.code.startsWith(prefix)) return undefined;
  return finding('fail', `${e.code}: ${e.message}`, `${e.code}: ${e.message}`, { code: e.code });
}

export const notChecked: Finding = finding(
  'skip',
  'Not checked: the appliance did not start (see the failed check)',
  'بررسی نشد: برنامه راه نیفتاد (بررسی ناموفق را ببینید)',
);
