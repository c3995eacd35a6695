import { faMessages, saveErrorCodes } from './sim-messages.js';
import { nowWireDate, type SimRow } from './sim-row.js';
import {
  checkVisitor,
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
import { isDetailAssigned } from './sim-visibility.js';
import { stockOf, writeStock } from './sim-stock.js';

/** Sales invoice (API.md §3.4): the only order type that moves stock in the sim. */
export const SALES_INVOICE = 201;

/**
 * Orders are insert-only: a re-sent OrderClientId (or an OrderId) is refused on property `OrderId` with
 * "already registered and cannot be edited" (API.md §4.2, observed by S5). The refusal carries the existing
 * order's server id in EntityId, so a client recovering from a lost response learns the id it missed.
 */
export function saveOrder(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const errors: PropertyError[] = [];
  const orderId = num(rec.OrderId);
  const clientId = num(rec.OrderClientId);
  if (orderId !== undefined && orderId > 0) {
    const exists = ctx.tx.get('Orders', orderId) !== undefined;
    const e = exists
      ? err('OrderId', 'alreadyRegistered', faMessages.orderAlreadyRegistered)
      : err('OrderId', 'notFound', faMessages.notFound('OrderId'));
    return failed('Orders', rec, index, [e], exists ? orderId : 0);
  }
  if (clientId === undefined || clientId <= 0) errors.push(required('OrderClientId'));
  else {
    const existing = ctx.tx.findByClientId('Orders', ctx.visitorId, clientId);
    if (existing !== undefined)
      return failed(
        'Orders',
        rec,
        index,
        [err('OrderId', 'alreadyRegistered', faMessages.orderAlreadyRegistered)],
        existing,
      );
  }
  const visitorError = checkVisitor(ctx, rec);
  if (visitorError) errors.push(visitorError);
  const person = resolveRef(ctx, rec, 'People', 'Person', true);
  if (person.error) errors.push(person.error);
  const orderType =
    rec.OrderType === undefined || rec.OrderType === null ? SALES_INVOICE : num(rec.OrderType);
  if (orderType === undefined || !Number.isInteger(orderType)) errors.push(invalid('OrderType'));
  if (errors.length > 0) return failed('Orders', rec, index, errors);

  const row = ctx.tx.insert(
    'Orders',
    {
      OrderCode: 0,
      OrderDate: nowWireDate(),
      Discount: 0,
      SendCost: 0,
      ...clientFields(rec),
      OrderClientId: clientId,
      OrderType: orderType,
      VisitorId: ctx.visitorId,
      PersonId: person.id,
      PersonClientId: person.row!.PersonClientId ?? 0,
      PersonCode: person.row!.PersonCode ?? 0,
    },
    { visitorId: ctx.visitorId, clientId: clientId! },
  );
  ctx.createdOrders.add(row.OrderId as number);
  return succeeded(ctx, 'Orders', row, index);
}

/** One order line: checks the order, the goods, quantities, price (strict mode) and stock, then writes. */
export function saveOrderDetail(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const errors: PropertyError[] = [];
  const order = resolveRef(ctx, rec, 'Orders', 'Order', true);
  if (order.error) errors.push(order.error);
  else if (!ctx.createdOrders.has(order.id!))
    errors.push(err('OrderId', 'alreadyRegistered', faMessages.lineOfRegisteredOrder));
  const clientId = num(rec.OrderDetailClientId);
  if (
    clientId !== undefined &&
    clientId > 0 &&
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
  const goods = itemType === 1 ? checkGoods(ctx, rec, errors) : undefined;
  if (goods && order.row && errors.length === 0)
    checkPriceAndStock(ctx, goods, order.row, { count1, count2, price: price! }, errors);
  if (errors.length > 0) return failed('OrderDetails', rec, index, errors);

  const orderRow = order.row!;
  const row = ctx.tx.insert(
    'OrderDetails',
    {
      Discount: 0,
      ...clientFields(rec),
      OrderDetailClientId: clientId ?? 0,
      ItemType: itemType,
      OrderId: order.id,
      OrderClientId: orderRow.OrderClientId,
      OrderCode: orderRow.OrderCode ?? 0,
      ...(goods
        ? {
            ProductDetailId: goods.detailId,
            ProductDetailCode: goods.detail.ProductDetailCode,
            ProductId: goods.detail.ProductId,
            StoreId: goods.storeId,
          }
        : {}),
      Count1: count1,
      Count2: count2,
      Price: price,
    },
    clientId !== undefined && clientId > 0 ? { visitorId: ctx.visitorId, clientId } : undefined,
  );
  if (goods && orderRow.OrderType === SALES_INVOICE) {
    writeStock(
      ctx.tx,
      ctx.db,
      goods.detailId,
      goods.storeId,
      stockOf(ctx.tx, ctx.db, goods.detailId, goods.storeId) - goods.need(count1, count2),
    );
  }
  return succeeded(ctx, 'OrderDetails', row, index);
}

interface Goods {
  detailId: number;
  detail: SimRow;
  storeId: number;
  /** Quantity in main units (Count2 is in the second unit, UnitRatio main units each). */
  need(count1: number, count2: number): number;
}

function checkGoods(ctx: SaveContext, rec: SaveRecord, errors: PropertyError[]): Goods | undefined {
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
    need: (c1, c2) => c1 + (ratio > 0 ? c2 * ratio : 0),
  };
}

function checkPriceAndStock(
  ctx: SaveContext,
  goods: Goods,
  order: SimRow,
  line: { count1: number; count2: number; price: number },
  errors: PropertyError[],
): void {
  if (ctx.engine.settings.strictPrices) {
    const expected = expectedPrice(ctx, goods.detail, order);
    if (line.price !== expected)
      errors.push(err('Price', 'priceMismatch', faMessages.priceMismatch(expected)));
  }
  if (order.OrderType === SALES_INVOICE && !ctx.engine.settings.negativeStockAllowed) {
    const available = stockOf(ctx.tx, ctx.db, goods.detailId, goods.storeId);
    if (goods.need(line.count1, line.count2) > available)
      errors.push(err('Count1', 'insufficientStock', faMessages.insufficientStock(available)));
  }
}

/** Price level: the person's SellPriceLevel, else the person group's, else the detail's default, else 1. */
export function expectedPrice(ctx: SaveContext, detail: SimRow, order: SimRow): number {
  const person = ctx.tx.get('People', order.PersonId as number);
  const group = person ? ctx.tx.get('PersonGroups', person.PersonGroupId as number) : undefined;
  const level =
    [person?.SellPriceLevel, group?.SellPriceLevel, detail.DefaultSellPriceLevel]
      .map(Number)
      .find((l) => l >= 1 && l <= 10) ?? 1;
  return Number(detail[`Price${level}`] ?? 0);
}
