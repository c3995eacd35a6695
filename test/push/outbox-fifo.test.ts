import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderClientId } from '../../core/domain/client-ids.js';
import { fixtureOrder } from '../../core/domain/push-fixtures.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { leaseDue } from '../../core/push/outbox-lease.js';
import { enqueueOutbox, getGeneration } from '../../core/push/outbox-repo.js';
import { createSqlDb } from '../../core/store/create-storage.js';
import { runMigrations } from '../../core/store/migrate.js';
import { migrations } from '../../core/store/migrations/index.js';
import type { SqlDb } from '../../core/store/sql-db.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';
import { drain, placeOrder, simCustomer, startPushEnv, type PushEnv } from './push-env.js';

const drivers = [
  { name: 'sqlite', open: async () => ({ url: 'sqlite::memory:', drop: async () => {} }) },
  ...(hasPostgres ? [{ name: 'postgres', open: createTestPgDatabase }] : []),
];
const logger = createSilentLogger();
const sameMs = 1_780_000_000_000;

/**
 * First in, first out (migration 020): rows placed in the same millisecond used to be leased by their
 * random id. Now each row takes the next push_sequences 'outbox' value in its checkout transaction.
 */
describe.each(drivers)('the outbox line ($name)', (driver) => {
  let db: SqlDb;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const opened = await driver.open();
    drop = opened.drop;
    db = createSqlDb(opened.url, logger);
    await db.init();
    // The schema as it stood before migration 020, with rows a shop already had.
    await runMigrations(
      db,
      logger,
      migrations.filter((m) => m.id < 20),
    );
    const rows: [string, number][] = [
      ['row-c', 1000],
      ['row-a', 2000],
      ['row-b', 2000],
      ['row-0', 500],
    ];
    for (const [id, at] of rows)
      await db.run(
        'INSERT INTO push_outbox (id, kind, order_id, payload, state, attempts, next_attempt_at, history, ' +
          "created_at, updated_at) VALUES (?, 'order', ?, ?, 'sent', 1, ?, '[]', ?, ?)",
        [id, id, JSON.stringify(fixtureOrder(1)), at, at, at],
      );
    await runMigrations(db, logger);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('numbers the rows already there by their time, ties in the order they were written, and goes on after them', async () => {
    const rows = await db.query<{ id: string; seq: number }>('SELECT id, seq FROM push_outbox ORDER BY seq');
    expect(rows.map((r) => [r.id, Number(r.seq)])).toEqual([
      ['row-0', 1],
      ['row-c', 2],
      ['row-a', 3],
      ['row-b', 4],
    ]);
    const id = await db.transaction((tx) =>
      enqueueOutbox(tx, { kind: 'order', payload: fixtureOrder(2, { orderId: 'W-next' }) }, sameMs),
    );
    const [row] = await db.query<{ seq: number }>('SELECT seq FROM push_outbox WHERE id = ?', [id]);
    expect(Number(row.seq)).toBe(5);
  });

  it('leases rows written in the same millisecond in the order they were written', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 30; i++) {
      const orderId = `W-same-${i}`;
      await db.transaction((tx) =>
        enqueueOutbox(tx, { kind: 'order', payload: fixtureOrder(100 + i, { orderId }) }, sameMs),
      );
      placed.push(orderId);
    }
    await db.run("UPDATE push_outbox SET state = 'sent' WHERE order_id = 'W-next'");
    const leased: (string | null)[] = [];
    for (let round = 0; round < 3; round++) {
      const rows = await leaseDue(db, `worker-${round}`, { now: sameMs + 1, leaseMs: 60_000, limit: 10 });
      leased.push(...rows.map((r) => r.orderId));
    }
    expect(leased).toEqual(placed);
  });
});

describe('orders placed in the same millisecond reach Mahak first-in first-out', () => {
  let env: PushEnv;
  let sim: MahakSim;
  beforeAll(async () => {
    sim = await startMahakSim({ products: 40, seed: 2020 });
    // One order per request: the requests' order is the order Mahak books them in.
    env = await startPushEnv({ sim, overrides: { pushBatchSize: 4 } });
  });
  afterAll(async () => {
    await env.close();
    await sim.close();
  });

  it('books them in the order the shop placed them', async () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    const placed: number[] = [];
    try {
      for (let i = 0; i < 12; i++) {
        const order = await placeOrder(env.storage, env.goods.slice(i % 4, (i % 4) + 1), {
          personServerId: simCustomer(sim, i),
        });
        placed.push(order.orderSeq);
      }
    } finally {
      now.mockRestore();
    }
    await drain(env.worker, env.storage);
    const generation = (await getGeneration(env.storage.db))!;
    const booked = sim.control
      .books()
      .Orders.slice()
      .sort((a, b) => Number(a.OrderId) - Number(b.OrderId))
      .map((o) => o.OrderClientId);
    expect(booked).toEqual(placed.map((seq) => orderClientId(generation, seq)));
  });
});
