import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultAutoCheckpointPages,
  SqliteCheckpointer,
  valveAutoCheckpointPages,
} from '../../core/store/sqlite-checkpointer.js';
import { acquireSqliteConnection, releaseSqliteConnection } from '../../core/store/sqlite-connection.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-ckpt-'));
  dirs.push(dir);
  return join(dir, 'shop.db');
}

const until = async (done: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

// About 400 KB of new pages per transaction: 200 transactions write 80 MB, twice the main
// connection's own checkpoint mark while the worker runs (10,000 pages, 40 MB).
const blob = 'کالای شماره '.repeat(400);
async function writeTransactions(file: string, count: number) {
  const conn = await acquireSqliteConnection(file);
  await conn.run('CREATE TABLE IF NOT EXISTS goods (id INTEGER PRIMARY KEY, body TEXT NOT NULL)', []);
  for (let t = 0; t < count; t++) {
    await conn.transaction(async (tx) => {
      for (let i = 0; i < 50; i++) await tx.run('INSERT INTO goods (body) VALUES (?)', [`${t}-${i} ${blob}`]);
    });
    // As a pull waits for its next page: the event loop turns between transactions.
    await new Promise((r) => setTimeout(r, 2));
  }
  return conn;
}

describe('WAL checkpoints on a worker thread', () => {
  it('copies the WAL into the database on the worker and keeps the WAL small', async () => {
    const file = tempFile();
    const conn = await writeTransactions(file, 200);
    const checkpointer = conn.checkpointer!;
    await until(() => checkpointer.completed > 0);
    expect(checkpointer.copiedFrames).toBeGreaterThan(10_000); // of about 20,000 written
    const probe = new Database(file, { readonly: true });
    try {
      expect(probe.prepare('SELECT count(*) AS n FROM goods').get()).toEqual({ n: 10_000 });
    } finally {
      probe.close();
    }
    // The WAL started over: below the 80 MB written, at most the 40 MB mark and one transaction.
    expect(statSync(`${file}-wal`).size).toBeLessThan(44 * 1024 * 1024);
    await releaseSqliteConnection(conn);
  });

  it('hands checkpointing back to the main connection when the worker cannot start', async () => {
    const file = tempFile();
    new Database(file).close();
    const marks: number[] = [];
    const failures: Error[] = [];
    const checkpointer = new SqliteCheckpointer(join(file, 'not-a-database'), {
      startAfterCommits: 1,
      minIntervalMs: 0,
      setAutoCheckpoint: (pages) => marks.push(pages),
      onFailure: (e) => failures.push(e),
    });
    checkpointer.committed();
    await until(() => failures.length > 0);
    expect(marks).toEqual([valveAutoCheckpointPages, defaultAutoCheckpointPages]);
    checkpointer.committed(); // after a failure: nothing more is tried
    await checkpointer.close();
    expect(checkpointer.completed).toBe(0);
  });

  it('starts no worker for a database that has seen few writes, and none in memory', async () => {
    const file = tempFile();
    const conn = await writeTransactions(file, 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(conn.checkpointer!.completed).toBe(0);
    await releaseSqliteConnection(conn);
    const memory = await acquireSqliteConnection(':memory:');
    expect(memory.checkpointer).toBeUndefined();
    await releaseSqliteConnection(memory);
  });

  it('closes after the checkpoint in progress and leaves every committed row', async () => {
    const file = tempFile();
    const conn = await writeTransactions(file, 40);
    await releaseSqliteConnection(conn); // closes while the worker may be checkpointing
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM goods').get()).toEqual({ n: 2_000 });
    } finally {
      db.close();
    }
  });
});

describe('closing a database whose checkpoint worker runs', () => {
  it('lets a command go on after it closed its database', async () => {
    const child = fileURLToPath(new URL('./checkpointer-close-child.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child], { timeout: 30_000 });
    expect(stdout).toMatch(/^closed after [1-9]\d* worker checkpoints$/m);
  });
});
