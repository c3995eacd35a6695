import type { SqlExecutor } from '../store/sql-db.js';

/** One row of app_settings (migration 010): the value is JSON text, or a sealed secret. */
export interface StoredSetting {
  key: string;
  value: string;
  updatedAt: number;
  updatedBy: string | null;
}

export async function readSettings(db: SqlExecutor): Promise<StoredSetting[]> {
  const rows = await db.query<{ key: string; value: string; updated_at: number; updated_by: string | null }>(
    'SELECT key, value, updated_at, updated_by FROM app_settings ORDER BY key',
  );
  return rows.map((r) => ({
    key: r.key,
    value: r.value,
    updatedAt: Number(r.updated_at),
    updatedBy: r.updated_by,
  }));
}

/** The newest change, for a cheap "did another instance change something?" check. */
export async function settingsVersion(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ v: number | null }>('SELECT MAX(updated_at) AS v FROM app_settings');
  return Number(row?.v ?? 0);
}

export async function writeSetting(
  tx: SqlExecutor,
  entry: { key: string; value: string; by: string | null; at: number },
): Promise<void> {
  await tx.run(
    `INSERT INTO app_settings AS t (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [entry.key, entry.value, entry.at, entry.by],
  );
}
