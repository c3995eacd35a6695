import type { PushOrderPayload } from '../../core/contracts/orders.js';
import type { Storage } from '../../core/store/storage.js';
import { placeOrder, type Goods } from '../../test/push/push-env.js';
import { pick, type RoundContext } from './chaos-context.js';

/**
 * What the web shop sells in the push phase: goods and customers the store pulled and the visitor
 * sees, from the upper half of the ids (staff edits stay in the lower half), with plenty of stock set
 * at the Mahak desk so no invoice is refused for stock (a refusal is a dispute, not a delivery).
 */
export async function shopShelf(
  ctx: RoundContext,
  storage: Storage,
): Promise<{ goods: Goods[]; people: number[] }> {
  const rows = await storage.db.query<{ variant: unknown; product: unknown }>(
    'SELECT v.raw AS variant, p.raw AS product FROM variants v JOIN products p ON p.id = v.product_id ' +
      'JOIN visitor_products vp ON vp.variant_id = v.id ' +
      'WHERE v.deleted_at IS NULL AND p.deleted_at IS NULL AND vp.deleted_at IS NULL ORDER BY v.id DESC LIMIT 80',
  );
  const raw = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
  const goods: Goods[] = [];
  for (const r of rows) {
    const [v, p] = [raw(r.variant), raw(r.product)];
    if (!(Number(v.Price1) > 0) || goods.some((g) => g.productId === p.ProductId)) continue;
    goods.push({
      variantId: Number(v.ProductDetailId),
      productId: Number(p.ProductId),
      name: String(p.Name),
      price: Number(v.Price1),
    });
    if (goods.length === 20) break;
  }
  if (goods.length < 3) throw new Error(`only ${goods.length} sellable goods in the store after the pull`);
  for (const g of goods)
    await ctx.sim.desk({ op: 'setStock', detailId: g.variantId, storeId: 1, count1: 10_000_000 });
  const people = await storage.db.query<{ id: number }>(
    'SELECT c.id FROM customers c JOIN visitor_people vp ON vp.person_id = c.id ' +
      'WHERE c.deleted_at IS NULL AND vp.deleted_at IS NULL ORDER BY c.id DESC LIMIT 20',
  );
  if (people.length === 0) throw new Error('no customer of the visitor in the store after the pull');
  return { goods, people: people.map((p) => Number(p.id)) };
}

/**
 * `n` web orders as checkout writes them (order row + outbox rows in one transaction; the helper of
 * the push tests): one or two lines, a third from new customers, three in four paid online.
 */
export async function placeOrders(
  ctx: RoundContext,
  storage: Storage,
  shelf: { goods: Goods[]; people: number[] },
  n: number,
  into: PushOrderPayload[],
): Promise<void> {
  for (let i = 0; i < n; i++) {
    const first = shelf.goods[pick(ctx.random, 0, shelf.goods.length - 1)];
    const second = shelf.goods[pick(ctx.random, 0, shelf.goods.length - 1)];
    const lines = first === second ? [first] : [first, second];
    into.push(
      await placeOrder(storage, lines, {
        newCustomer: ctx.random() < 1 / 3,
        personServerId: shelf.people[pick(ctx.random, 0, shelf.people.length - 1)],
        paid: ctx.random() < 0.75,
        quantity: pick(ctx.random, 1, 3),
      }),
    );
  }
}
