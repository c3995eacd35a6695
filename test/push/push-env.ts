import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../core/config/load-config.js';
import type { Config, ConfigInput } from '../../core/config/config-schema.js';
import type { PushOrderPayload, PushPersonPayload } from '../../core/contracts/orders.js';
import { priceLine, totalsOf } from '../../core/domain/checkout-pricing.js';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { MahakClient } from '../../core/mahak/mahak-client.js';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { allocateSequence, enqueueOutbox } from '../../core/push/outbox-repo.js';
import { PushWorker, type PushWorkerDeps } from '../../core/push/push-worker.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { Storage } from '../../core/store/storage.js';
import { noopSyncMetrics } from '../../core/sync/sync-metrics.js';

/** Sim + real storage + real Mahak client + worker, with fast retries for tests. */
export interface PushEnv {
  sim: MahakSim;
  storage: Storage;
  config: Config;
  mahak: MahakClient;
  worker: PushWorker;
  goods: Goods[];
  close(): Promise<void>;
}

export interface Goods {
  variantId: number;
  productId: number;
  name: string;
  price: number;
}

export const fastWorkerSettings: PushWorkerDeps['settings'] = {
  leaseMs: 5_000,
  lockTtlMs: 3_000,
  // Short, so an order in doubt is read back for a moment only before it may be sent again.
  confirmWindowMs: 1_500,
  failurePolicy: { maxAttempts: 5, maxTransientAttempts: 200, backoff: { baseMs: 5, maxMs: 50 } },
};

export async function startPushEnv(
  options: { dbUrl?: string; overrides?: ConfigInput; sim?: MahakSim; goods?: number } = {},
): Promise<PushEnv> {
  const sim = options.sim ?? (await startMahakSim({ products: 40, seed: 1404 }));
  const config = loadConfig({
    env: {},
    overrides: {
      db: options.dbUrl ?? 'sqlite::memory:',
      mahakUrl: sim.syncUrl,
      storeId: 1,
      pullOverlap: 10,
      ...options.overrides,
    },
  });
  const logger = createSilentLogger();
  const storage = createStorage(config.db, logger);
  await storage.init();
  const mahak = testMahakClient(sim, logger);
  const worker = new PushWorker({
    storage,
    mahak,
    config,
    logger,
    metrics: noopSyncMetrics,
    instanceId: `test-${randomUUID().slice(0, 8)}`,
    settings: fastWorkerSettings,
  });
  const goods = stockedGoods(sim, options.goods ?? 8);
  return {
    sim,
    storage,
    config,
    mahak,
    worker,
    goods,
    close: async () => {
      await storage.close();
      if (!options.sim) await sim.close();
    },
  };
}

export function testMahakClient(sim: MahakSim, logger = createSilentLogger()): MahakClient {
  return new MahakClient({
    baseUrl: sim.syncUrl,
    user: 'demo',
    password: 'demo',
    logger,
    timeoutMs: 2_000,
    retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 },
    breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 100 },
  });
}

/** Variants the visitor sees, with plenty of stock in store 1 (negative stock is refused by default). */
export function stockedGoods(sim: MahakSim, n: number): Goods[] {
  const seen = new Set<number>();
  // One variant per product, so deleting one test's product leaves the others' goods alone.
  const details = sim.control
    .snapshot('ProductDetails')
    .filter((d) => d.Deleted !== true && Number(d.Price1) > 0)
    .filter((d) => !seen.has(d.ProductId as number) && seen.add(d.ProductId as number) !== undefined);
  return details.slice(0, n).map((d) => {
    sim.control.setStock(d.ProductDetailId as number, 1, 100_000);
    const product = sim.control.row('Products', d.ProductId as number)!;
    return {
      variantId: d.ProductDetailId as number,
      productId: d.ProductId as number,
      name: String(product.Name),
      price: Number(d.Price1),
    };
  });
}

export function orderPayload(
  orderSeq: number,
  goods: Goods[],
  customer: PushOrderPayload['customer'],
  options: { paid?: boolean; quantity?: number } = {},
): PushOrderPayload {
  const lines = goods.map((g) =>
    priceLine(
      {
        variantId: g.variantId,
        productId: g.productId,
        productName: g.name,
        quantity: options.quantity ?? 1,
        unitPrice: g.price,
        taxPercent: 0,
        chargePercent: 0,
      },
      { taxEnabled: false },
    ),
  );
  const totals = totalsOf(lines, 0);
  const paid = options.paid ?? true;
  return {
    kind: 'order',
    orderId: `W-${orderSeq}-${randomUUID().slice(0, 6)}`,
    orderSeq,
    revision: 0,
    createdAt: new Date().toISOString(),
    customer,
    lines,
    totals,
    shipping: {
      city: 'اصفهان',
      address: 'خیابان چهارباغ، کوچه گلها، پلاک ۳',
      postalCode: '8134567890',
      mobile: '09131234567',
      receiverName: 'مریم احمدی',
    },
    payment: paid
      ? { method: 'online', paid: true, amount: totals.total, reference: `ZP-${orderSeq}` }
      : { method: 'cash_on_delivery', paid: false, amount: 0 },
  };
}

export function personPayload(personSeq: number, customerId: string): PushPersonPayload {
  return {
    kind: 'person',
    customerId,
    personSeq,
    firstName: 'زهرا',
    lastName: 'كاظمي',
    mobile: '09121112233',
  };
}

/** A web order as checkout writes it: an orders row, and outbox rows in the same transaction. */
export async function placeOrder(
  storage: Storage,
  goods: Goods[],
  options: {
    newCustomer?: boolean;
    personServerId?: number;
    paid?: boolean;
    quantity?: number;
    customerId?: string;
  } = {},
): Promise<PushOrderPayload> {
  return storage.db.transaction(async (tx) => {
    const orderSeq = await allocateSequence(tx, 'order');
    let customer: PushOrderPayload['customer'] = {
      personSeq: null,
      personServerId: options.personServerId ?? 1,
    };
    const customerId = options.customerId ?? randomUUID();
    if (options.newCustomer) {
      const personSeq = await allocateSequence(tx, 'person');
      customer = { personSeq, personServerId: null };
      await enqueueOutbox(tx, { kind: 'person', payload: personPayload(personSeq, customerId) });
    }
    const payload = orderPayload(orderSeq, goods, customer, options);
    await insertOrderRow(tx, payload, customerId);
    await enqueueOutbox(tx, { kind: 'order', payload, orderId: payload.orderId });
    return payload;
  });
}

async function insertOrderRow(
  tx: Parameters<Parameters<Storage['db']['transaction']>[0]>[0],
  p: PushOrderPayload,
  customerId: string,
) {
  const now = Date.now();
  await tx.run(
    'INSERT INTO orders (id, customer_id, status, payment_method, items_total, tax_total, charge_total, shipping_cost, total, ' +
      "shipping_address, order_seq, sync_status, created_at, updated_at) VALUES (?, ?, 'placed', ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
    [
      p.orderId,
      customerId,
      p.payment.method,
      p.totals.itemsTotal,
      p.totals.taxTotal,
      p.totals.chargeTotal,
      p.totals.shippingCost,
      p.totals.total,
      JSON.stringify(p.shipping),
      p.orderSeq,
      now,
      now,
    ],
  );
  for (const [i, l] of p.lines.entries()) {
    await tx.run(
      'INSERT INTO stock_reservations (order_id, variant_id, store_id, quantity, created_at) VALUES (?, ?, 1, ?, ?)',
      [p.orderId, l.variantId, l.quantity, now + i],
    );
  }
}

/** Runs the worker until no outbox row waits any more (ready rows in backoff included), or the deadline. */
export async function drain(worker: PushWorker, storage: Storage, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const run = await worker.runOnce();
    if (run) continue;
    const waiting = await storage.db.query("SELECT id FROM push_outbox WHERE state = 'ready' LIMIT 1");
    if (waiting.length === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('outbox did not drain in time');
}

/** A customer of the sim the visitor sees. */
export function simCustomer(sim: MahakSim, index = 0): number {
  const people = sim.control.snapshot('People').filter((p) => p.Deleted !== true);
  return people[index % people.length].PersonId as number;
}

/**
 * Runs the worker while anything is due right now (rows waiting in backoff or deferred are left). A run the app started by itself (a checkout's or a
 * resolution's nudge) may hold the rows when this asks: it is waited for, not taken for "nothing due".
 */
export async function settle(worker: PushWorker, maxRuns = 20): Promise<void> {
  for (let i = 0; i < maxRuns; i++) {
    await worker.idle();
    if (!(await worker.runOnce()) && !worker.busy) return;
  }
}
