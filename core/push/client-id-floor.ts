import { parseClientId, type ClientIdKind } from '../domain/client-ids.js';
import type { Logger } from '../logging/logger.js';
import { restoreMarkerKey } from '../ops/restore-marker.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { getGeneration } from './outbox-repo.js';
import { readClientIds } from './push-generation.js';
import type { PushMahak } from './push-ports.js';

export interface ClientIdFloor {
  /** The generation checked; undefined when none is chosen yet (the first push picks a fresh one). */
  generation?: number;
  /** Highest sequence Mahak holds under our generation, per sequence. */
  seen: { order: number; person: number };
  /** Where the sequences stand now. */
  now: { order: number; person: number };
  raised: boolean;
}

/** Which sequence a ClientId kind was made from (receipts, cheques and lines carry the order's). */
const sequenceOf: Record<ClientIdKind, 'order' | 'person'> = {
  person: 'person',
  order: 'order',
  orderDetail: 'order',
  receipt: 'order',
  cheque: 'order',
};

/**
 * Moves the order and person sequences past the highest ClientId Mahak already holds under this
 * database's generation (issue 8, item 9). A database restored from a backup, or one whose last
 * commits a power cut took, would otherwise hand out sequences Mahak already has: a new order would
 * carry an old order's OrderClientId (Mahak: "already registered", or a second invoice under that id).
 * Reads every Order and Person of our visitor (GetAllData from 0). Run when the server starts, by the
 * push worker before its first send in a process or while a restore's marker is there (`hamgam
 * restore` leaves it, core/ops/restore-marker.ts; cleared here), and callable by anyone after a restore.
 */
export async function raiseClientIdFloor(
  db: SqlExecutor,
  mahak: PushMahak,
  options: { pageSize: number; logger: Logger },
): Promise<ClientIdFloor> {
  const generation = await getGeneration(db);
  const seen = { order: 0, person: 0 };
  if (generation !== undefined) {
    const { clientIds } = await readClientIds(mahak, options.pageSize);
    for (const id of clientIds) {
      const parsed = parseClientId(id);
      if (!parsed || parsed.generation !== generation) continue;
      const name = sequenceOf[parsed.kind];
      seen[name] = Math.max(seen[name], parsed.sequence);
    }
  }
  let raised = false;
  for (const name of ['order', 'person'] as const) {
    const changed = await db.run('UPDATE push_sequences SET value = ? WHERE name = ? AND value < ?', [
      seen[name],
      name,
      seen[name],
    ]);
    raised ||= changed > 0;
  }
  const rows = await db.query<{ name: string; value: number | string }>(
    'SELECT name, value FROM push_sequences',
  );
  const now = { order: 0, person: 0 };
  for (const r of rows) if (r.name === 'order' || r.name === 'person') now[r.name] = Number(r.value);
  const floor: ClientIdFloor = { ...(generation === undefined ? {} : { generation }), seen, now, raised };
  if (raised)
    options.logger.warn({ ...floor }, 'push sequences were behind Mahak and were moved past its ClientIds');
  // The restore's marker (core/ops/restore-marker.ts) has done its job: the floor is checked.
  await db.run('DELETE FROM push_settings WHERE key = ?', [restoreMarkerKey]);
  return floor;
}

/** A restore left its marker and no floor check has cleared it yet: check before any send. */
export async function restorePending(db: SqlExecutor): Promise<boolean> {
  const rows = await db.query('SELECT key FROM push_settings WHERE key = ?', [restoreMarkerKey]);
  return rows.length > 0;
}
