import type { ReconcileReport } from '../sync/pull-reconcile.js';
import { crashedLeaseWaitMs, pullCommand } from './sync-command.js';

export const command = pullCommand(
  'reconcile',
  'full reconciliation: re-read everything from Mahak, fetch what is missing, unpublish what Mahak no longer has',
  async (app, config) => {
    const run = await app.engine.reconcileNow({ waitForLockMs: crashedLeaseWaitMs(config) });
    const report = run.stats.reconcile as ReconcileReport | undefined;
    console.log(`reconcile ${run.status}: ${report ? describe(report) : (run.error ?? '')}`);
    return run.status === 'ok' && report?.heldBack.length === 0 ? 0 : 1;
  },
);

function describe(report: ReconcileReport): string {
  const held =
    report.heldBack.length > 0
      ? `; held back (check the Mahak database id): ${report.heldBack.join(', ')}`
      : '';
  return `${report.fetched} row(s) fetched or corrected, ${report.unpublished} unpublished${held}`;
}
