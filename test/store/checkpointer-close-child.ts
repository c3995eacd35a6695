import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireSqliteConnection, releaseSqliteConnection } from '../../core/store/sqlite-connection.js';

// A command that writes enough to start the checkpoint worker, closes its database, then goes on.
const dir = mkdtempSync(join(tmpdir(), 'hamgam-ckpt-child-'));
const conn = await acquireSqliteConnection(join(dir, 'shop.db'));
await conn.run('CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL)', []);
for (let i = 0; i < 40; i++) {
  await conn.transaction((tx) => tx.run('INSERT INTO orders (customer) VALUES (?)', [`مشتری ${i}`]));
}
await new Promise((r) => setTimeout(r, 100)); // the worker has started and checkpointed
await releaseSqliteConnection(conn);
rmSync(dir, { recursive: true, force: true });
console.log(`closed after ${conn.checkpointer?.completed ?? 0} worker checkpoints`);
