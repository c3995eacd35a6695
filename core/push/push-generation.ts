import { nextSafeGeneration } from '../domain/client-ids.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlExecutor } from '../store/sql-db.js';
import { advanceCursor, startCursor, type EntityCursor } from '../sync/pull-paging.js';
import { getGeneration, setGenerationOnce } from './outbox-repo.js';
import type { PushMahak } from './push-ports.js';
import { raiseOrdersRowVersionSeen } from './push-state-repo.js';

/**
 * The ClientId generation of this database (core/domain/client-ids.ts), chosen once before the first
 * push: one above every generation among the ClientIds Mahak already holds for our visitor (Orders and
 * People), so a rebuilt store database never reuses an old database's ids. The same full read of Orders
 * gives the first read-back floor.
 */
export async function ensureGeneration(
  db: SqlExecutor,
  mahak: PushMahak,
  options: { pageSize: number; logger: Logger },
): Promise<number> {
  const stored = await getGeneration(db);
  if (stored !== undefined) return stored;
  const { clientIds, ordersMax } = await readClientIds(mahak, options.pageSize);
  const generation = nextSafeGeneration(clientIds);
  if (generation === undefined) {
    throw new HamgamError(
      'CONFIG_INVALID',
      'Every ClientId generation is used for this Mahak visitor; use a new visitor',
      [{ key: 'mahakUser', env: 'HAMGAM_MAHAK_USER', problem: 'all 100 ClientId generations are used' }],
    );
  }
  const chosen = await setGenerationOnce(db, generation);
  await raiseOrdersRowVersionSeen(db, ordersMax);
  options.logger.info(
    { generation: chosen, seenClientIds: clientIds.length },
    'push ClientId generation chosen',
  );
  return chosen;
}

/** Every OrderClientId and PersonClientId Mahak holds for our visitor, and the Orders' top RowVersion. */
export async function readClientIds(mahak: PushMahak, pageSize: number) {
  const fields = { Orders: 'OrderClientId', People: 'PersonClientId' } as const;
  const cursors: Record<keyof typeof fields, EntityCursor> = {
    Orders: startCursor(0, pageSize),
    People: startCursor(0, pageSize),
  };
  const clientIds: number[] = [];
  let ordersMax = 0;
  while (!cursors.Orders.done || !cursors.People.done) {
    const active = (Object.keys(fields) as (keyof typeof fields)[]).filter((c) => !cursors[c].done);
    const size = Math.max(...active.map((c) => cursors[c].pageSize));
    const res = await mahak.getAllData({
      cursors: Object.fromEntries(active.map((c) => [c, cursors[c].from])),
      pageSize: size,
    });
    for (const c of active) {
      const rows = (res.records[c] ?? []) as Record<string, unknown>[];
      const versions = rows.map((r) => Number(r.RowVersion));
      for (const r of rows) if (typeof r[fields[c]] === 'number') clientIds.push(r[fields[c]] as number);
      if (c === 'Orders') ordersMax = Math.max(ordersMax, ...versions);
      cursors[c] = advanceCursor({ ...cursors[c], pageSize: size }, versions);
    }
  }
  return { clientIds, ordersMax };
}
