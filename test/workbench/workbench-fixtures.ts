import { randomUUID } from 'node:crypto';
import { createSilentLogger } from '../../core/logging/pino-logger.js';
import { createStorage } from '../../core/store/create-storage.js';
import type { SqlDb } from '../../core/store/sql-db.js';
import type { Storage } from '../../core/store/storage.js';
import { createTestPgDatabase, hasPostgres } from '../support/services.js';

/** A migrated storage per driver: SQLite in memory, and a fresh PostgreSQL database when one is up. */
export const drivers: { name: 'sqlite' | 'postgres'; skip: boolean; open(): Promise<Opened> }[] = [
  {
    name: 'sqlite',
    skip: false,
    open: async () => {
      const storage = createStorage('sqlite::memory:', createSilentLogger());
      await storage.init();
      return { storage, close: () => storage.close() };
    },
  },
  {
    name: 'postgres',
    skip: !hasPostgres,
    open: async () => {
      const database = await createTestPgDatabase();
      const storage = createStorage(database.url, createSilentLogger());
      await storage.init();
      return {
        storage,
        close: async () => {
          await storage.close();
          await database.drop();
        },
      };
    },
  },
];

export interface Opened {
  storage: Storage;
  close(): Promise<void>;
}

export interface FixtureLine {
  variantId: number;
  productId?: number;
  name: string;
  quantity: number;
  unitPrice: number;
}

/** Far above what the push sequence hands out in the same database. */
let seq = 1_000_000;

/** An order row with its lines as checkout writes them (only what the reports read matters). */
export async function insertOrder(
  db: SqlDb,
  o: {
    createdAt: number;
    status?: 'placed' | 'cancelled' | 'awaiting_payment';
    lines: FixtureLine[];
    shipping?: number;
  },
): Promise<string> {
  const id = `W-${randomUUID().slice(0, 8)}`;
  const items = o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const shipping = o.shipping ?? 0;
  await db.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO orders (id, customer_id, status, payment_method, items_total, tax_total, charge_total, shipping_cost, ' +
        "total, shipping_address, order_seq, sync_status, created_at, updated_at) VALUES (?, ?, ?, 'online', ?, 0, 0, ?, ?, ?, ?, 'pending', ?, ?)",
      [
        id,
        'c-1',
        o.status ?? 'placed',
        items,
        shipping,
        items + shipping,
        '{}',
        ++seq,
        o.createdAt,
        o.createdAt,
      ],
    );
    for (const [i, l] of o.lines.entries()) {
      const net = l.quantity * l.unitPrice;
      await tx.run(
        'INSERT INTO order_lines (order_id, line_index, variant_id, product_id, product_name, quantity, unit_price, line_net, ' +
          'tax_percent, charge_percent, tax_amount, charge_amount, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)',
        [id, i, l.variantId, l.productId ?? l.variantId * 10, l.name, l.quantity, l.unitPrice, net, net],
      );
    }
  });
  return id;
}

/** A dispute row as the push side writes it (only what the reports and lists read matters). */
export async function insertDispute(db: SqlDb, createdAt: number): Promise<void> {
  await db.run(
    'INSERT INTO push_disputes (id, outbox_id, order_id, kind, reason, status, allowed, payload, created_at, updated_at) ' +
      "VALUES (?, ?, NULL, 'order', 'validation', 'open', '[]', '{}', ?, ?)",
    [randomUUID(), randomUUID(), createdAt, createdAt],
  );
}

/** Tehran wall-clock time (UTC+03:30) as epoch ms. */
export function tehran(isoLocal: string): number {
  return Date.parse(`${isoLocal}+03:30`);
}
