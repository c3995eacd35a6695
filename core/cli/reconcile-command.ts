import { createApp } from '../create-app.js';
import type { ReconcileReport } from '../sync/pull-reconcile.js';
import type { CliCommand } from './command.js';
import { configWith, progressPrinter } from './cli-support.js';

export const command: CliCommand = {
  name: 'reconcile',
  summary:
    'full reconciliation: re-read everything from Mahak, fetch what is missing, unpublish what Mahak no longer has',
  options: { db: { type: 'string' }, 'mahak-url': { type: 'string' }, quiet: { type: 'boolean' } },
  async run(values) {
    const { config, logger } = configWith({ db: values.db, mahakUrl: values['mahak-url'] });
    const app = await createApp(config, logger);
    if (!values.quiet) app.engine.events.on(progressPrinter());
    try {
      const run = await app.engine.reconcileNow({ waitForLockMs: (config.lockTtlSeconds + 5) * 1000 });
      const report = run.stats.reconcile as ReconcileReport | undefined;
      console.log(`reconcile ${run.status}: ${report ? describe(report) : (run.error ?? '')}`);
      return run.status === 'ok' && report?.heldBack.length === 0 ? 0 : 1;
    } finally {
      await app.close();
    }
  },
};

function describe(report: ReconcileReport): string {
  const held =
    report.heldBack.length > 0
      ? `; held back (check the Mahak database id): ${report.heldBack.join(', ')}`
      : '';
  return `${report.fetched} row(s) fetched or corrected, ${report.unpublished} unpublished${held}`;
}
