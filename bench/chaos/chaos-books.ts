import type { PushOrderPayload } from '../../core/contracts/orders.js';
import { orderClientId } from '../../core/domain/client-ids.js';
import { getGeneration } from '../../core/push/outbox-repo.js';
import type { Storage } from '../../core/store/storage.js';
import type { SimRemote } from './sim-remote.js';

/**
 * Exactly once, checked in Mahak's own books (the simulator's referee view, `/__sim/books`), the way
 * test/push/push-crash.test.ts checks it: every placed order is one invoice by its ClientId, with its
 * lines and one receipt if paid; no invoice, receipt or person beyond what was placed; and the store
 * says every order is sent, with the invoice id Mahak gave it, no dispute and no dead letter.
 */
export async function checkBooks(
  storage: Storage,
  sim: SimRemote,
  placed: PushOrderPayload[],
): Promise<{ invoices: number; problems: string[] }> {
  const problems: string[] = [];
  const books = await sim.books();
  const generation = (await getGeneration(storage.db)) ?? 0;
  const byClientId = new Map<number, typeof books.Orders>();
  for (const o of books.Orders) {
    const list = byClientId.get(Number(o.OrderClientId)) ?? [];
    list.push(o);
    byClientId.set(Number(o.OrderClientId), list);
  }
  const paid = placed.filter((p) => p.payment.paid).length;
  const people = placed.filter((p) => p.customer.personSeq !== null).length;
  if (books.Orders.length !== placed.length)
    problems.push(`Mahak holds ${books.Orders.length} invoices for ${placed.length} orders`);
  if (books.Receipts.length !== paid)
    problems.push(`${books.Receipts.length} receipts for ${paid} paid orders`);
  if (books.People.length !== people)
    problems.push(`${books.People.length} people for ${people} new customers`);
  const sent = await sentOrders(storage);
  for (const p of placed) {
    const found = byClientId.get(orderClientId(generation, p.orderSeq)) ?? [];
    if (found.length !== 1) {
      problems.push(`order ${p.orderId} (seq ${p.orderSeq}): ${found.length} invoices in Mahak`);
      continue;
    }
    const invoice = found[0];
    const lines = books.OrderDetails.filter((d) => d.OrderId === invoice.OrderId);
    const want = p.lines.map((l) => `${l.variantId}x${l.quantity}`).sort();
    const got = lines.map((l) => `${String(l.ProductDetailId)}x${String(l.Count1)}`).sort();
    if (want.join() !== got.join())
      problems.push(`order ${p.orderId}: lines ${got.join()} != ${want.join()}`);
    const receipts = books.Receipts.filter((r) => r.OrderId === invoice.OrderId).length;
    if (receipts !== (p.payment.paid ? 1 : 0)) problems.push(`order ${p.orderId}: ${receipts} receipts`);
    const row = sent.get(p.orderId);
    if (row?.status !== 'sent' || row.mahakId !== Number(invoice.OrderId))
      problems.push(
        `order ${p.orderId}: store says ${JSON.stringify(row)}, Mahak ${String(invoice.OrderId)}`,
      );
    if (problems.length > 50) break;
  }
  problems.push(...(await leftovers(storage)));
  return { invoices: books.Orders.length, problems };
}

async function sentOrders(storage: Storage): Promise<Map<string, { status: string; mahakId: number }>> {
  const rows = await storage.db.query<{ id: string; sync_status: string; mahak_order_id: number | null }>(
    'SELECT id, sync_status, mahak_order_id FROM orders',
  );
  return new Map(rows.map((r) => [r.id, { status: r.sync_status, mahakId: Number(r.mahak_order_id) }]));
}

/** Nothing may be left for staff: a dispute or a dead letter is an order the chaos did not deliver. */
async function leftovers(storage: Storage): Promise<string[]> {
  const out: string[] = [];
  const disputes = await storage.db.query<{ reason: string }>('SELECT reason FROM push_disputes');
  if (disputes.length > 0)
    out.push(`${disputes.length} disputes: ${disputes.map((d) => d.reason).join(', ')}`);
  const dead = await storage.listDeadLetters();
  if (dead.length > 0) out.push(`${dead.length} dead letters`);
  const waiting = await storage.db.query<{ state: string; n: number }>(
    "SELECT state, COUNT(*) AS n FROM push_outbox WHERE state <> 'sent' GROUP BY state",
  );
  for (const w of waiting) out.push(`${Number(w.n)} outbox rows ${w.state}`);
  return out;
}
