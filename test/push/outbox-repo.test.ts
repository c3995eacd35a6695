import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureOrder, fixturePerson } from '../../core/domain/push-fixtures.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import {
  allocateSequence,
  cancelOutboxForOrder,
  enqueueOutbox,
  getGeneration,
  releaseHeldOutbox,
  setGenerationOnce,
} from '../../core/push/outbox-repo.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

function outboxRepoSuite(
  name: string,
  open: () => Promise<{ storage: Storage; drop?: () => Promise<void> }>,
) {
  describe(`outbox repo (${name})`, () => {
    let storage: Storage;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ storage, drop } = await open());
      await storage.init();
    });
    afterAll(async () => {
      await storage.close();
      await drop?.();
    });

    it('allocates increasing sequences per name, never the same twice, even concurrently', async () => {
      const orders = await Promise.all(
        Array.from({ length: 20 }, () => storage.db.transaction((tx) => allocateSequence(tx, 'order'))),
      );
      expect(new Set(orders).size).toBe(20);
      expect(Math.min(...orders)).toBe(1);
      expect(await storage.db.transaction((tx) => allocateSequence(tx, 'person'))).toBe(1);
    });

    it('rolls the outbox row back with the transaction that wrote it', async () => {
      await expect(
        storage.db.transaction(async (tx) => {
          await enqueueOutbox(tx, { kind: 'order', payload: fixtureOrder(900, { orderId: 'rolled-back' }) });
          throw new Error('checkout failed');
        }),
      ).rejects.toThrow('checkout failed');
      const rows = await storage.db.query("SELECT id FROM push_outbox WHERE order_id = 'rolled-back'");
      expect(rows).toHaveLength(0);
    });

    it('rejects an invalid payload with VALIDATION_FAILED and writes nothing', async () => {
      const bad = { ...fixtureOrder(901, { orderId: 'bad' }), lines: [] };
      await expect(
        storage.db.transaction((tx) => enqueueOutbox(tx, { kind: 'order', payload: bad })),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(
        storage.db.transaction((tx) => enqueueOutbox(tx, { kind: 'person', payload: fixtureOrder(902) })),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await storage.db.query("SELECT id FROM push_outbox WHERE order_id = 'bad'")).toHaveLength(0);
    });

    it('holds, releases with the new payload, and cancels only what was never sent', async () => {
      const order = fixtureOrder(903, { orderId: 'held-1' });
      const id = await storage.db.transaction((tx) =>
        enqueueOutbox(tx, { kind: 'order', payload: order, state: 'held' }),
      );
      await storage.db.transaction((tx) =>
        enqueueOutbox(tx, { kind: 'person', payload: fixturePerson(903) }),
      );
      const paid = { ...order, payment: { ...order.payment, paid: true, amount: order.totals.total } };
      expect(await storage.db.transaction((tx) => releaseHeldOutbox(tx, 'held-1', paid))).toBe(1);
      const [row] = await storage.db.query<{ state: string; payload: string }>(
        'SELECT state, payload FROM push_outbox WHERE id = ?',
        [id],
      );
      expect(row!.state).toBe('ready');
      expect(JSON.parse(row!.payload).payment.paid).toBe(true);
      await storage.db.run('UPDATE push_outbox SET attempt_started_at = 1 WHERE id = ?', [id]);
      expect(await storage.db.transaction((tx) => cancelOutboxForOrder(tx, 'held-1'))).toBe(0);
      await storage.db.run('UPDATE push_outbox SET attempt_started_at = NULL WHERE id = ?', [id]);
      expect(await storage.db.transaction((tx) => cancelOutboxForOrder(tx, 'held-1'))).toBe(1);
    });

    it('stores the generation once', async () => {
      expect(await getGeneration(storage.db)).toBeUndefined();
      expect(await setGenerationOnce(storage.db, 3)).toBe(3);
      expect(await setGenerationOnce(storage.db, 7)).toBe(3);
      expect(await getGeneration(storage.db)).toBe(3);
    });
  });
}

outboxRepoSuite('sqlite', async () => ({ storage: createStorage('sqlite::memory:', createSilentLogger()) }));

describe.skipIf(!hasPostgres)('postgres', () => {
  outboxRepoSuite('postgres', async () => {
    const pg = await createTestPgDatabase();
    return { storage: createStorage(pg.url, createSilentLogger()), drop: pg.drop };
  });
});
