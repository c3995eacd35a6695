import { pulledEntities, pulledEntityNames, type PulledEntityName } from '../contracts/mahak-wire.js';
import type { Logger } from '../logging/logger.js';
import { unpublishUnseen, type UnseenLimits, type UnseenOutcome } from '../store/reconcile-unpublish.js';
import type { Storage } from '../store/storage.js';
import type { ReadPage } from './pull-reader.js';

/** What a reconciliation fixed, per entity and in all (kept in the run's stats, shown by the desk). */
export interface ReconcileReport {
  /** Rows inserted or corrected because the incremental pulls had missed them. */
  fetched: number;
  /** Rows marked deleted because Mahak no longer returns them. */
  unpublished: number;
  /** Entities whose unseen rows were too many to act on (staff decide). */
  heldBack: PulledEntityName[];
  entities: Partial<Record<PulledEntityName, UnseenOutcome & { seen: number; fetched: number }>>;
}

export const defaultUnseenLimits: UnseenLimits = { maxShare: 0.5, floor: 20 };

const collectionEntity = new Map(pulledEntityNames.map((e) => [pulledEntities[e].collection, e]));

/**
 * The scheduled full reconciliation (issue 8, Airbyte's "refresh without downtime"): the time window
 * catches any Mahak transaction shorter than itself, this catches the rest — a commit later than the
 * window, a page a strange server skipped, a row that vanished without a Deleted version. It reads every
 * entity from RowVersion 0 through the ordinary pull (so the pages apply with every invariant, and
 * what we lacked is fetched by the monotonic upsert), remembers every id Mahak returned, and then
 * unpublishes what Mahak no longer has. Serving goes on throughout: nothing is emptied first.
 */
export class ReconcileCollector {
  private readonly seen = new Map<PulledEntityName, Set<number>>();
  private readonly horizon = new Map<PulledEntityName, number>();

  /** Every entity starts from 0 whatever its checkpoint. */
  startAt(): Partial<Record<PulledEntityName, number>> {
    return Object.fromEntries(pulledEntityNames.map((e) => [e, 0]));
  }

  readonly onPage = async (page: ReadPage): Promise<void> => {
    const entity = collectionEntity.get(page.collection);
    if (!entity) return;
    const ids = this.seen.get(entity) ?? new Set<number>();
    this.seen.set(entity, ids);
    const idField = pulledEntities[entity].idField;
    // A quarantined record is still a row Mahak has: it must not be unpublished for failing our mapping.
    const records = [...page.rows, ...page.quarantined.map((q) => q.payload)];
    for (const record of records) {
      const id = fieldOf(record, idField);
      const rv = fieldOf(record, 'RowVersion');
      if (id !== undefined) ids.add(id);
      if (rv !== undefined) this.horizon.set(entity, Math.max(this.horizon.get(entity) ?? 0, rv));
    }
  };

  /** After every page is applied: count what was fixed and unpublish the rows Mahak no longer has. */
  async settle(
    storage: Storage,
    runId: string,
    now: number,
    logger: Logger,
    limits: UnseenLimits = defaultUnseenLimits,
  ): Promise<ReconcileReport> {
    const fetchedBy = await changedPerEntity(storage, runId);
    const report: ReconcileReport = { fetched: 0, unpublished: 0, heldBack: [], entities: {} };
    for (const entity of pulledEntityNames) {
      const seen = this.seen.get(entity) ?? new Set<number>();
      // An entity Mahak returned nothing for has no horizon: every row we hold is then unseen.
      const horizon = this.horizon.get(entity) ?? Number.MAX_SAFE_INTEGER;
      const outcome = await unpublishUnseen(storage.db, entity, seen, horizon, now, limits);
      const fetched = fetchedBy.get(entity) ?? 0;
      report.entities[entity] = { ...outcome, seen: seen.size, fetched };
      report.fetched += fetched;
      report.unpublished += outcome.unpublished;
      if (outcome.heldBack) {
        report.heldBack.push(entity);
        logger.warn(
          { entity, unseen: outcome.unseen, live: outcome.live },
          'reconciliation: Mahak did not return most of this entity; nothing was unpublished (check the Mahak database id and the visitor)',
        );
      }
    }
    return report;
  }
}

async function changedPerEntity(storage: Storage, runId: string): Promise<Map<string, number>> {
  const rows = await storage.db.query<{ entity: string; n: number | null }>(
    'SELECT entity, SUM(changed) AS n FROM pull_pages WHERE run_id = ? GROUP BY entity',
    [runId],
  );
  return new Map(rows.map((r) => [r.entity, Number(r.n ?? 0)]));
}

/** A wire field by name, whatever its case (quarantined payloads are as Mahak sent them). */
function fieldOf(record: unknown, name: string): number | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const lower = name.toLowerCase();
  const entry = Object.entries(record).find(([k]) => k.toLowerCase() === lower);
  const value = Number(entry?.[1]);
  return Number.isSafeInteger(value) ? value : undefined;
}
