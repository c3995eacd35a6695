import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../core/config/load-config.js';
import type { PushOrderPayload } from '../core/contracts/orders.js';
import { priceLine, totalsOf } from '../core/domain/checkout-pricing.js';
import { buildPushBatches } from '../core/domain/order-mapping-batch.js';
import { createSilentLogger } from '../core/logging/pino-logger.js';
import { MahakClient } from '../core/mahak/mahak-client.js';
import { allocateSequence, enqueueOutbox } from '../core/push/outbox-repo.js';
import { mappingConfigFrom } from '../core/push/push-settings.js';
import { PushWorker } from '../core/push/push-worker.js';
import { createStorage } from '../core/store/create-storage.js';
import type { Storage } from '../core/store/storage.js';
import { noopSyncMetrics } from '../core/sync/sync-metrics.js';
import { intArg, report, timed } from './bench-support.js';
import { startSimProcess } from './sim-process.js';

interface Goods {
  ProductDetailId: number;
  ProductId: number;
  Price1: number;
}

/**
 * Orders pushed per second through the outbox worker (lease, SaveAllData, read-back, record) against
 * the simulator's raw SaveAllData rate measured in the same run: the same orders sent straight with the
 * client in batches of the same size, nothing stored, nothing read back.
 */
export async function benchPush(
  orders = intArg('orders', 2000),
  batchRecords = intArg('batch', 200),
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hamgam-bench-push-'));
  const sim = await startSimProcess(500);
  const logger = createSilentLogger();
  const config = loadConfig({
    env: {},
    overrides: {
      db: `sqlite:${join(dir, 'push.db')}`,
      mahakUrl: sim.syncUrl,
      storeId: 1,
      pushBatchSize: batchRecords,
    },
  });
  const client = new MahakClient({ baseUrl: sim.syncUrl, user: 'demo', password: 'demo', logger });
  const storage = createStorage(config.db, logger);
  await storage.init();
  try {
    // Stock is not what is measured: the simulator may sell below zero here.
    await fetch(`${sim.origin}/__sim/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ negativeStockAllowed: true }),
    });
    const goods = ((await (await fetch(`${sim.origin}/__sim/snapshot/ProductDetails`)).json()) as Goods[])
      .filter((g) => g.Price1 > 0)
      .slice(0, 50);
    const customer = await firstCustomer(sim.origin);
    const payloads = await placeOrders(storage, goods, customer, orders);
    const worker = new PushWorker({
      storage,
      mahak: client,
      config,
      logger,
      metrics: noopSyncMetrics,
      instanceId: 'bench',
    });
    const pushed = await timed(() => drainAll(worker, storage));
    const session = await client.session();
    const cfg = mappingConfigFrom(config, {
      visitorId: session.visitorId,
      storeId: 1,
      generation: 1,
      personGroupId: 1,
      // The simulator's first bank (lowest code): what the worker chooses by default.
      bankId: 1,
    });
    const items = payloads.map((payload, i) => ({ outboxId: String(i), payload }));
    const { batches } = buildPushBatches(items, cfg, { maxRecords: batchRecords });
    const raw = await timed(async () => {
      for (const b of batches) await client.saveAllData(b.body);
    });
    const workerRate = pushed.result / pushed.seconds;
    const rawRate = orders / raw.seconds;
    report(`push-sqlite-${orders}`, [
      {
        case: 'hamgam push worker (lease + SaveAllData + read-back + record)',
        orders: pushed.result,
        seconds: round(pushed.seconds),
        'orders/s': Math.round(workerRate),
      },
      {
        case: 'baseline: raw SaveAllData of the same orders, same batch size',
        orders,
        seconds: round(raw.seconds),
        'orders/s': Math.round(rawRate),
      },
      { case: 'ratio worker / baseline', orders: '-', seconds: '-', 'orders/s': round(workerRate / rawRate) },
    ]);
  } finally {
    await storage.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function firstCustomer(origin: string): Promise<number> {
  const people = (await (await fetch(`${origin}/__sim/snapshot/People`)).json()) as {
    PersonId: number;
    Deleted: boolean;
  }[];
  return people.find((p) => !p.Deleted)!.PersonId;
}

/** The orders as checkout writes them: one transaction per order with its outbox row (not timed). */
async function placeOrders(
  storage: Storage,
  goods: Goods[],
  personServerId: number,
  n: number,
): Promise<PushOrderPayload[]> {
  const out: PushOrderPayload[] = [];
  for (let i = 0; i < n; i++) {
    const payload = await storage.db.transaction(async (tx) => {
      const orderSeq = await allocateSequence(tx, 'order');
      const lines = [0, 1, 2].map((j) => {
        const g = goods[(i * 3 + j) % goods.length];
        return priceLine(
          {
            variantId: g.ProductDetailId,
            productId: g.ProductId,
            productName: 'کالای آزمایشی',
            quantity: 1 + j,
            unitPrice: g.Price1,
            taxPercent: 0,
            chargePercent: 0,
          },
          { taxEnabled: false },
        );
      });
      const totals = totalsOf(lines, 0);
      const p: PushOrderPayload = {
        kind: 'order',
        orderId: `B-${i}-${randomUUID().slice(0, 6)}`,
        orderSeq,
        revision: 0,
        createdAt: new Date().toISOString(),
        customer: { personSeq: null, personServerId },
        lines,
        totals,
        shipping: {
          city: 'تهران',
          address: 'خیابان آزادی، پلاک ۱',
          postalCode: '1234567890',
          mobile: '09120000000',
          receiverName: 'آزمون',
        },
        payment: { method: 'online', paid: true, amount: totals.total, reference: `B${i}` },
      };
      await enqueueOutbox(tx, { kind: 'order', payload: p });
      return p;
    });
    out.push(payload);
  }
  return out;
}

async function drainAll(worker: PushWorker, storage: Storage): Promise<number> {
  for (;;) {
    await worker.runOnce();
    const [left] = await storage.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM push_outbox WHERE state = 'ready'",
    );
    if (Number(left.n) === 0) break;
  }
  const [sent] = await storage.db.query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM push_outbox WHERE state = 'sent'",
  );
  return Number(sent.n);
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) await benchPush();
