import { describe, expect, it } from 'vitest';
import { LockChildProcess } from './lock-child-process.js';
import type { ContractContext } from './storage-contract.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return Date.now() - start;
    await sleep(50);
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

export function locksContract(ctx: ContractContext): void {
  describe('locks', () => {
    const storage = () => ctx.storage();

    it('one owner at a time; the owner renews; release frees it; a stranger cannot release it', async () => {
      expect(await storage().tryAcquireLock('pull', 'instance-a', 10_000)).toBe(true);
      expect(await storage().tryAcquireLock('pull', 'instance-b', 10_000)).toBe(false);
      expect(await storage().tryAcquireLock('pull', 'instance-a', 10_000)).toBe(true);
      expect(await storage().tryAcquireLock('push', 'instance-b', 10_000)).toBe(true);
      await storage().releaseLock('pull', 'instance-b');
      expect(await storage().tryAcquireLock('pull', 'instance-b', 10_000)).toBe(false);
      await storage().releaseLock('pull', 'instance-a');
      expect(await storage().tryAcquireLock('pull', 'instance-b', 10_000)).toBe(true);
      await storage().releaseLock('pull', 'instance-b');
      await storage().releaseLock('push', 'instance-b');
    });

    it('two processes: exactly one holds it, the other gets it after release or after the holder dies', async () => {
      const a = await LockChildProcess.start(ctx.url(), 'process-a');
      const b = await LockChildProcess.start(ctx.url(), 'process-b');
      const ttl = 1500;
      try {
        const first = await Promise.all([a.send(`try pull ${ttl}`), b.send(`try pull ${ttl}`)]);
        expect([...first].sort()).toEqual(['false', 'true']);
        const [holder, other] = first[0] === 'true' ? [a, b] : [b, a];
        expect(await holder.send(`try pull ${ttl}`)).toBe('true'); // renewal
        expect(await other.send(`try pull ${ttl}`)).toBe('false');
        expect(await holder.send('release pull')).toBe('released');
        expect(await other.send(`try pull ${ttl}`)).toBe('true');
        expect(await holder.send(`try pull ${ttl}`)).toBe('false');

        // The new holder crashes without releasing.
        await other.kill();
        if (storage().dialect === 'sqlite') {
          // The lease outlives the process until it expires...
          expect(await holder.send(`try pull ${ttl}`)).toBe('false');
        }
        // ...and then (sqlite), or as soon as the server sees the connection gone (postgres), it is free.
        await eventually(async () => (await holder.send(`try pull ${ttl}`)) === 'true', ttl + 8000);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });

    it('a SQLite lease expires after its ttl unless renewed; a PostgreSQL lock lives as long as its connection', async () => {
      expect(await storage().tryAcquireLock('lease', 'a', 100)).toBe(true);
      await sleep(60);
      expect(await storage().tryAcquireLock('lease', 'a', 100)).toBe(true); // renewed for another 100 ms
      await sleep(60);
      expect(await storage().tryAcquireLock('lease', 'b', 100)).toBe(false);
      await sleep(120);
      expect(await storage().tryAcquireLock('lease', 'b', 100)).toBe(storage().dialect === 'sqlite');
      await storage().releaseLock('lease', 'a');
      await storage().releaseLock('lease', 'b');
    });
  });
}
