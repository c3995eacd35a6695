import type { SetupState } from '../contracts/admin-settings.js';
import type { SqlDb } from '../store/sql-db.js';
import { writeSetting } from './settings-repo.js';

/** The wizard's own facts live beside the settings as `state.*` rows (never settings themselves). */
const confirmedKey = 'state.connectionConfirmedAt';
const finishedKey = 'state.setupFinishedAt';

export interface SetupFacts {
  demo: boolean;
  connectionLocked: boolean;
}

/**
 * First-run setup. A fresh database (no Mahak connection confirmed, no successful pull) opens the
 * wizard; it stays open until the wizard is finished or a pull has succeeded (so a reload in the middle
 * of the wizard comes back to it). `hamgam demo` is preconfigured with the simulator: never a wizard.
 */
export async function readSetupState(db: SqlDb, facts: SetupFacts): Promise<SetupState> {
  const [marks, pulls] = await Promise.all([
    db.query<{ key: string }>('SELECT key FROM app_settings WHERE key IN (?, ?)', [
      confirmedKey,
      finishedKey,
    ]),
    db.query<{ n: number }>("SELECT COUNT(*) AS n FROM sync_runs WHERE kind = 'pull' AND status = 'ok'"),
  ]);
  const has = (key: string) => marks.some((m) => m.key === key);
  const firstPullDone = Number(pulls[0]?.n ?? 0) > 0;
  return {
    complete: facts.demo || firstPullDone || has(finishedKey),
    demo: facts.demo,
    connectionConfirmed: has(confirmedKey),
    firstPullDone,
    connectionLocked: facts.connectionLocked,
  };
}

export async function markConnectionConfirmed(db: SqlDb, by: string, at: number): Promise<void> {
  await writeSetting(db, { key: confirmedKey, value: JSON.stringify(at), by, at });
}

export async function markSetupFinished(db: SqlDb, by: string, at: number): Promise<void> {
  await writeSetting(db, { key: finishedKey, value: JSON.stringify(at), by, at });
}
