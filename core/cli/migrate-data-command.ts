import { createSilentLogger } from '../logging/pino-logger.js';
import { createSqlDb, redactUrl } from '../store/create-storage.js';
import { migrateData, type TableResult } from '../store/data-migration.js';
import type { CliCommand } from './command.js';
import { intOption } from './cli-support.js';

/**
 * `hamgam migrate-data --from sqlite:... --to postgres://... [--force] [--batch-size N]`: copies every
 * table to the other database, then checks row counts and checksums table by table. Exit 1 on mismatch.
 */
export const command: CliCommand = {
  name: 'migrate-data',
  summary: 'copy the whole store to another database (e.g. SQLite -> PostgreSQL) and verify it',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    force: { type: 'boolean' },
    'batch-size': { type: 'string' },
  },
  async run(values) {
    const from = typeof values.from === 'string' ? values.from : undefined;
    const to = typeof values.to === 'string' ? values.to : undefined;
    if (!from || !to) {
      console.error(
        'usage: hamgam migrate-data --from <sqlite:path|postgres://...> --to <sqlite:path|postgres://...> [--force] [--batch-size N]',
      );
      return 2;
    }
    const logger = createSilentLogger();
    const source = createSqlDb(from, logger);
    const target = createSqlDb(to, logger);
    await source.init();
    try {
      await target.init();
      console.log(`Copying ${redactUrl(from)} -> ${redactUrl(to)}`);
      const results = await migrateData(source, target, {
        force: values.force === true,
        batchSize: intOption(values['batch-size'], 'batch-size') || 1000,
        logger,
        onProgress: progressLine(),
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      printResults(results);
      return results.every((r) => r.ok) ? 0 : 1;
    } finally {
      await target.close();
      await source.close();
    }
  },
};

/** A live "table  rows" counter on a terminal; nothing when stderr is piped (the table below says it all). */
function progressLine(): (table: string, copied: number) => void {
  let current = '';
  return (table, copied) => {
    if (!process.stderr.isTTY) return;
    if (current && table !== current) process.stderr.write('\n');
    current = table;
    process.stderr.write(`\r  ${table.padEnd(24)} ${copied}`);
  };
}

function printResults(results: readonly TableResult[]): void {
  const width = Math.max(5, ...results.map((r) => r.table.length));
  console.log(
    `${'table'.padEnd(width)}  ${'source rows'.padStart(11)}  ${'target rows'.padStart(11)}  ${'checksum'.padEnd(16)}  result`,
  );
  for (const r of results) {
    const sum =
      r.sourceChecksum === r.targetChecksum ? r.sourceChecksum : `${r.sourceChecksum} != ${r.targetChecksum}`;
    console.log(
      `${r.table.padEnd(width)}  ${String(r.sourceRows).padStart(11)}  ${String(r.targetRows).padStart(11)}  ${sum.padEnd(16)}  ${r.ok ? 'ok' : 'MISMATCH'}`,
    );
  }
  const bad = results.filter((r) => !r.ok).length;
  console.log(
    bad === 0
      ? `All ${results.length} tables copied and verified.`
      : `${bad} of ${results.length} tables do not match.`,
  );
}
