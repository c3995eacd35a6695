import { writeFile } from 'node:fs/promises';
import type { SqlDb } from '../store/sql-db.js';
import type { TableDigest } from '../store/table-checksum.js';
import { pgConnection, pgToolOutput, runPgTool } from './pg-tools.js';
import { storeDigests } from './store-digests.js';

/**
 * pg_dump (custom format) of the database while Hamgam keeps running. The digests and the dump read
 * the same snapshot: a repeatable-read transaction exports it and pg_dump is started with it, so what
 * the manifest says the tables hold is exactly what the dump holds.
 */
export async function dumpPostgres(
  db: SqlDb,
  dbUrl: string,
  file: string,
): Promise<Record<string, TableDigest>> {
  const conn = pgConnection(dbUrl);
  return db.transaction(async (tx) => {
    await tx.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const [{ snapshot }] = await tx.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const dump = runPgTool(
      'pg_dump',
      [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshot}`,
        `--file=${file}`,
        `--dbname=${conn.url}`,
      ],
      conn.env,
    );
    // The digests run beside pg_dump, on this transaction's connection and snapshot.
    const [digests] = await Promise.all([storeDigests(db), dump.done]);
    return digests;
  });
}

/**
 * Replaces the database's tables with the dump's, all or nothing: the tables now in the schema are
 * dropped and the dump's SQL is applied in one psql transaction (tables a later migration added must
 * go too, or migrating the restored schema forward would find them already there). A comment on an
 * extension is left out: only the extension's owner may set it, and it carries no data.
 */
export async function restorePostgres(
  db: SqlDb,
  dbUrl: string,
  dumpFile: string,
  listFile: string,
): Promise<void> {
  const conn = pgConnection(dbUrl);
  const listing = await pgToolOutput('pg_restore', ['--list', dumpFile], conn.env);
  const kept = listing.split('\n').filter((line) => !/ COMMENT - EXTENSION /.test(line));
  await writeFile(listFile, kept.join('\n'));
  const tables = await db.query<{ name: string }>(
    'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  );
  const drops = tables
    .map((t) => `DROP TABLE IF EXISTS "${t.name.replaceAll('"', '""')}" CASCADE;\n`)
    .join('');
  const psql = runPgTool(
    'psql',
    [
      '--no-psqlrc',
      '--quiet',
      '--single-transaction',
      '-v',
      'ON_ERROR_STOP=1',
      '--file=-',
      `--dbname=${conn.url}`,
    ],
    conn.env,
    { stdin: true },
  );
  const script = runPgTool(
    'pg_restore',
    ['--no-owner', '--no-privileges', `--use-list=${listFile}`, '--file=-', dumpFile],
    conn.env,
    { stdout: true },
  );
  psql.child.stdin!.write(drops);
  script.child.stdout!.pipe(psql.child.stdin!);
  // psql failing first closes its stdin; the pipe error is psql's to report, not a crash.
  psql.child.stdin!.on('error', () => undefined);
  await Promise.all([script.done, psql.done]);
}
