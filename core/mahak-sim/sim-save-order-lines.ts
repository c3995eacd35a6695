import { faMessages, saveErrorCodes } from './sim-messages.js';
import type { SimRow } from './sim-row.js';
import {
  clientFields,
  err,
  failed,
  invalid,
  num,
  required,
  resolveRef,
  succeeded,
  type PropertyError,
  type RecordResult,
  type SaveContext,
  type SaveRecord,
} from './sim-save-context.js';
import { SALES_INVOICE } from './sim-save-orders.js';
import { stockOf, writeStock } from './sim-stock.js';
import { isDetailAssigned } from './sim-visibility.js';

interface Goods {
  detailId: number;
  detail: SimRow;
  storeId: number;
  /** Quantity in main units (Count2 is in the second unit, UnitRatio main units each). */
  need: number;
}

interface Line {
  order: SimRow;
  orderId: number;
  clientId?: number;
  itemType: number;
  count1: number;
  count2: number;
  price: number;
  goods?: Goods;
}

/** One order line: checks the order, the goods, quantities, price (strict mode) and stock, then writes. */
export function saveOrderDetail(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const errors: PropertyError[] = [];
  const line = checkLine(ctx, rec, errors);
  if (!line || errors.length > 0) return failed('OrderDetails', rec, index, errors);
  return succeeded(ctx, 'OrderDetails', writeLine(ctx, rec, line), index);
}

function checkLine(ctx: SaveContext, rec: SaveRecord, errors: PropertyError[]): Line | undefined {
  const order = resolveRef(ctx, rec, 'Orders', 'Order', true);
  if (order.error) errors.push(order.error);
  // Lines may only join an order created by this same request: a registered order cannot be edited.
  else if (!ctx.createdOrders.has(order.id!))
    errors.push(err('OrderId', 'alreadyRegistered', faMessages.lineOfRegisteredOrder));
  const clientId = num(rec.OrderDetailClientId);
  if (
    clientId !== undefined &&
    clientId !== 0 &&
    ctx.tx.findByClientId('OrderDetails', ctx.visitorId, clientId) !== undefined
  ) {
    errors.push(err('OrderDetailId', 'alreadyRegistered', faMessages.orderAlreadyRegistered));
  }
  const itemType = rec.ItemType === undefined || rec.ItemType === null ? 1 : num(rec.ItemType);
  if (itemType !== 1 && itemType !== 2) errors.push(invalid('ItemType'));
  const count1 = num(rec.Count1) ?? 0;
  const count2 = num(rec.Count2) ?? 0;
  if (count1 < 0 || count2 < 0 || count1 + count2 <= 0) errors.push(invalid('Count1'));
  const price = num(rec.Price);
  if (price === undefined) errors.push(required('Price'));
  else if (price < 0) errors.push(invalid('Price'));
  const goods = itemType === 1 ? checkGoods(ctx, rec, count1, count2, errors) : undefined;
  if (errors.length > 0) return undefined;
  const line: Line = {
    order: order.row!,
    orderId: order.id!,
    clientId,
    itemType: itemType!,
    count1,
    count2,
    price: price!,
    goods,
  };
  if (goods) checkPriceAndStock(ctx, line, goods, errors);
  return line;
}

function checkGoods(
  ctx: SaveContext,
  rec: SaveRecord,
  count1: number,
  count2: number,
  errors: PropertyError[],
): Goods | undefined {
  const ref = resolveRef(ctx, rec, 'ProductDetails', 'ProductDetail', true);
  const storeId = num(rec.StoreId);
  // S5 reports Mahak support calls StoreId required on goods lines (API.md §4.1).
  if (storeId === undefined || storeId <= 0) errors.push(required('StoreId'));
  else if (!ctx.tx.get('Stores', storeId))
    errors.push(err('StoreId', 'notFound', faMessages.notFound('StoreId')));
  if (ref.error) {
    const missing = ref.error.Code === saveErrorCodes.required;
    errors.push(
      missing ? ref.error : err('ProductDetailId', 'productUnavailable', faMessages.productUnavailable),
    );
    return undefined;
  }
  const product = ctx.tx.get('Products', ref.row!.ProductId as number);
  if (!product || product.Deleted === true || !isDetailAssigned(ctx.db, ctx.visitorId, ref.id!)) {
    errors.push(err('ProductDetailId', 'productUnavailable', faMessages.productUnavailable));
    return undefined;
  }
  const ratio = Number(product.UnitRatio ?? 0);
  return {
    detailId: ref.id!,
    detail: ref.row!,
    storeId: storeId ?? 0,
    need: count1 + (ratio > 0 ? count2 * ratio : 0),
  };
}

function checkPriceAndStock(ctx: SaveContext, line: Line, goods: Goods, errors: PropertyError[]): void {
  if (ctx.engine.settings.strictPrices) {
    const expected = expectedPrice(ctx, goods.detail, line.order);
    if (line.price !== expected)
      errors.push(err('Price', 'priceMismatch', faMessages.priceMismatch(expected)));
  }
  if (line.order.OrderType === SALES_INVOICE && !ctx.engine.settings.negativeStockAllowed) {
    // Earlier lines of the same request already took their stock inside the transaction.
    const available = stockOf(ctx.tx, ctx.db, goods.detailId, goods.storeId);
    if (goods.need > available)
      errors.push(err('Count1', 'insufficientStock', faMessages.insufficientStock(available)));
  }
}

/** Price level: the person's SellPriceLevel, else the person group's, else the detail's default, else 1. */
export function expectedPrice(ctx: SaveContext, detail: SimRow, order: SimRow): number {
  const person = ctx.tx.get('People', order.PersonId as number);
  const group = person ? ctx.tx.get('PersonGroups', person.PersonGroupId as number) : undefined;
  const levels = [person?.SellPriceLevel, group?.SellPriceLevel, detail.DefaultSellPriceLevel].map(Number);
  const level = levels.find((l) => l >= 1 && l <= 10) ?? 1;
  return Number(detail[`Price${level}`] ?? 0);
}

/** Insert the line; a sales invoice (201) takes the quantity from the line's store. */
function writeLine(ctx: SaveContext, rec: SaveRecord, line: Line): SimRow {
  const { goods, order } = line;
  const row = ctx.tx.insert(
    'OrderDetails',
    {
      Discount: 0,
      ...clientFields(rec),
      OrderDetailClientId: line.clientId ?? 0,
      ItemType: line.itemType,
      OrderId: line.orderId,
      OrderClientId: order.OrderClientId,
      OrderCode: order.OrderCode ?? 0,
      ...(goods && {
        ProductDetailId: goods.detailId,
        ProductDetailCode: goods.detail.ProductDetailCode,
        ProductId: goods.detail.ProductId,
        StoreId: goods.storeId,
      }),
      Count1: line.count1,
      Count2: line.count2,
      Price: line.price,
    },
    line.clientId !== undefined && line.clientId !== 0
      ? { visitorId: ctx.visitorId, clientId: line.clientId }
      : undefined,
  );
  if (goods && order.OrderType === SALES_INVOICE) {
    const left = stockOf(ctx.tx, ctx.db, goods.detailId, goods.storeId) - goods.need;
    writeStock(ctx.tx, ctx.db, goods.detailId, goods.storeId, left);
  }
  return row;
}
