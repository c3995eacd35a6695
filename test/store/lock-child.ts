/**
 * A separate process contending for a lock: `node --import tsx test/store/lock-child.ts <dbUrl> <owner>`.
 * Reads commands on stdin (`try <name> <ttlMs>`, `release <name>`, `exit`), answers one line each.
 */
import { createInterface } from 'node:readline';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createSqlDb } from '../../core/store/create-storage.js';

const [url, owner] = process.argv.slice(2);
const db = createSqlDb(url, createSilentLogger());
await db.init();
process.stdout.write('ready\n');

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, name, ttl] = line.trim().split(' ');
  try {
    if (cmd === 'try') process.stdout.write(`${await db.tryAcquireLock(name, owner, Number(ttl))}\n`);
    else if (cmd === 'release') {
      await db.releaseLock(name, owner);
      process.stdout.write('released\n');
    } else if (cmd === 'exit') break;
  } catch (e) {
    process.stdout.write(`error ${(e as Error).message}\n`);
  }
}
await db.close();
