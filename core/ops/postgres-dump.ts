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
 * Replaces the database's tables with the dump's, all or nothing: what the schema holds now (tables,
 * views, sequences, functions; not what an extension owns) is dropped and the dump's SQL is applied in
 * one psql transaction (what a later migration added must go too, or migrating the restored schema
 * forward would find it already there). A comment on an
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
  const drops = await dropStatements(db);
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

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** DROP statements for everything in the current schema that no extension owns (pg_trgm's functions stay). */
async function dropStatements(db: SqlDb): Promise<string> {
  const notFromExtension = (oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.deptype = 'e')`;
  const relations = await db.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND ${notFromExtension('c.oid')}
     ORDER BY c.relname`,
  );
  const routines = await db.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema() AND ${notFromExtension('p.oid')} ORDER BY 1`,
  );
  const what: Record<string, string> = {
    r: 'TABLE',
    p: 'TABLE',
    v: 'VIEW',
    m: 'MATERIALIZED VIEW',
    S: 'SEQUENCE',
  };
  return [
    ...relations.map((r) => `DROP ${what[r.kind]} IF EXISTS ${quoteIdent(r.name)} CASCADE;`),
    ...routines.map((r) => `DROP ROUTINE IF EXISTS ${r.signature} CASCADE;`),
  ]
    .map((line) => `${line}\n`)
    .join('');
}
