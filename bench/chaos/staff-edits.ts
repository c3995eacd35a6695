import type { DeskAction } from '../../core/mahak-sim/sim-desk-actions.js';
import { pick, type RoundContext } from './chaos-context.js';

/**
 * Staff at the Mahak desk while the sync is down or restarting: prices, stock, deletes and restores,
 * un-assignments, new products and customers. Only the lower half of the ids is touched, so the goods
 * and customers the push phase orders with (the upper half) stay sellable.
 */
export async function staffEdits(ctx: RoundContext, count: number): Promise<number> {
  const info = await ctx.sim.info();
  const detail = () => pick(ctx.random, 1, Math.max(1, Math.floor(info.productDetails / 2)));
  const product = () => pick(ctx.random, 1, Math.max(1, Math.floor(info.products / 2)));
  const person = () => pick(ctx.random, 1, Math.max(1, Math.floor(info.people / 2)));
  const actions: (() => DeskAction)[] = [
    () => ({ op: 'setPrices', detailId: detail(), prices: { Price1: pick(ctx.random, 10, 900) * 10_000 } }),
    () => ({ op: 'setStock', detailId: detail(), storeId: 1, count1: pick(ctx.random, 0, 40) }),
    () => ({ op: 'deleteProduct', productId: product() }),
    () => ({ op: 'restoreProduct', productId: product() }),
    () => ({ op: 'unassignDetail', detailId: detail() }),
    () => ({ op: 'assignDetail', detailId: detail() }),
    () => ({
      op: 'updatePerson',
      personId: person(),
      patch: { Address: `اصفهان، خیابان ${pick(ctx.random, 1, 99)}` },
    }),
    () => ({
      op: 'addProduct',
      product: {
        name: `دفتر ${pick(ctx.random, 40, 200)} برگ`,
        details: [{ price1: 450_000, stock: { '1': 12 } }],
      },
    }),
    () => ({ op: 'addPerson', person: { firstName: 'سارا', lastName: 'رضایی', mobile: '09121234567' } }),
  ];
  let done = 0;
  for (let i = 0; i < count; i++) {
    const action = actions[pick(ctx.random, 0, actions.length - 1)]();
    // Refused edits (restore a product that is not deleted, un-assign twice) are desk noise, not chaos.
    if (
      await ctx.sim.desk(action).then(
        () => true,
        () => false,
      )
    )
      done++;
  }
  return done;
}
