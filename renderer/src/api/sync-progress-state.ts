import { syncEntityNames, type RunProgress, type SyncStreamEvent } from '../../../core/contracts/admin-sync';

/** Whether a run is still going (its bar moves) rather than done or failed. */
export const isRunning = (run: RunProgress | null | undefined): boolean =>
  !!run && run.phase !== 'done' && run.phase !== 'failed';

/**
 * Folds the server's progress stream into the run's current state: a snapshot or `finished` replaces
 * it, a delta updates the entities that moved. A delta of another run (its snapshot not seen) is ignored;
 * the server always sends the snapshot first.
 */
export function reduceSyncStream(run: RunProgress | null, event: SyncStreamEvent): RunProgress | null {
  if (event.type === 'snapshot' || event.type === 'finished') return event.run;
  if (!run || run.runId !== event.runId) return run;
  const byEntity = new Map(run.entities.map((e) => [e.entity, e]));
  for (const e of event.entities) byEntity.set(e.entity, e);
  return {
    ...run,
    phase: event.phase,
    entities: syncEntityNames.flatMap((name) => {
      const e = byEntity.get(name);
      return e ? [e] : [];
    }),
    totals: event.totals,
    ratePerSecond: event.ratePerSecond,
    fraction: event.fraction,
    pictures: event.pictures,
  };
}
