import { createApp } from '../create-app.js';
import type { DriftReport } from '../push/drift-check.js';
import type { CliCommand } from './command.js';
import { configWith } from './cli-support.js';

export const command: CliCommand = {
  name: 'drift',
  summary:
    'compare the store with Mahak (SolveDispute / SolveOrderDispute), re-pull what differs, report repairs',
  options: { db: { type: 'string' }, 'mahak-url': { type: 'string' }, json: { type: 'boolean' } },
  async run(values) {
    const { config, logger } = configWith({ db: values.db, mahakUrl: values['mahak-url'] });
    const app = await createApp(config, logger);
    try {
      const run = await app.push.driftCheck.runOnce();
      const report = run.stats as unknown as DriftReport;
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      const unrepaired = Object.values(report.entities).reduce((n, e) => n + (e?.unrepaired.length ?? 0), 0);
      return run.status === 'ok' && unrepaired === 0 ? 0 : 2;
    } finally {
      await app.close();
    }
  },
};

function printReport(report: DriftReport): void {
  for (const [entity, d] of Object.entries(report.entities)) {
    if (!d) continue;
    const ids = (list: number[]) =>
      list.length ? ` [${list.slice(0, 20).join(', ')}${list.length > 20 ? ', ...' : ''}]` : '';
    console.log(
      `${entity.padEnd(26)} checked ${String(d.checked).padStart(7)}  differed ${String(d.mismatched).padStart(5)}  ` +
        `repaired ${d.repaired.length}${ids(d.repaired)}  gone in Mahak ${d.goneInMahak.length}${ids(d.goneInMahak)}` +
        `${d.unrepaired.length ? `  NOT repaired ${d.unrepaired.length}${ids(d.unrepaired)}` : ''}${d.error ? `  error: ${d.error}` : ''}`,
    );
  }
  const o = report.orders;
  if ('error' in o) console.log(`orders: ${o.error}`);
  else
    console.log(
      `orders pushed ${o.checked}: missing in Mahak ${o.missing.length}, deleted in Mahak ${o.deleted.length}`,
    );
}
