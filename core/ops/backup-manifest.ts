import { z } from 'zod';
import { HamgamError } from '../errors.js';

/** Bumped when the layout of a backup (this manifest, the dump's form) changes incompatibly. */
export const backupFormat = 1;

export const manifestFileName = 'manifest.json';

const digest = z.object({
  rows: z.number().int().nonnegative(),
  checksum: z.string().regex(/^[0-9a-f]{16}$/),
});

/**
 * What a backup holds, written last (its presence is the commit point). The schema is the list of
 * migrations applied in the backed-up database: a build that does not know one of them must not
 * restore it (the data may use columns or meanings that build has never heard of).
 */
export const backupManifestSchema = z.object({
  format: z.literal(backupFormat),
  name: z.string().regex(/^hamgam-\d{8}-\d{6}-\d{3}Z$/),
  createdAt: z.string(),
  appVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  schema: z.object({
    version: z.number().int().nonnegative(),
    migrations: z.array(z.object({ id: z.number().int().positive(), name: z.string() })),
  }),
  dump: z.object({
    file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** Row count and order-independent checksum per table (core/store/table-checksum.ts), as dumped. */
  tables: z.record(z.string(), digest),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

export function parseManifest(text: string, where: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HamgamError('BACKUP_INVALID', `${where}: manifest is not JSON`);
  }
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new HamgamError('BACKUP_INVALID', `${where}: manifest is not a Hamgam backup manifest`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** `hamgam-20261206-210700-123Z`: sorts by time as text; milliseconds keep two quick runs apart. */
export function backupNameAt(at: Date): string {
  const iso = at.toISOString(); // 2026-12-06T21:07:00.123Z
  return `hamgam-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}Z`;
}

export const isBackupName = (name: string): boolean => /^hamgam-\d{8}-\d{6}-\d{3}Z$/.test(name);
