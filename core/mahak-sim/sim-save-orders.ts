import { faMessages } from './sim-messages.js';
import { nowWireDate } from './sim-row.js';
import {
  checkVisitor,
  err,
  failed,
  clientFields,
  insertOnlyIdentity,
  invalid,
  resolveRef,
  num,
  succeeded,
  type RecordResult,
  type SaveContext,
  type SaveRecord,
} from './sim-save-context.js';

/** Sales invoice (API.md §3.4): the only order type that moves stock in the sim. */
export const SALES_INVOICE = 201;

/**
 * Orders are insert-only: a re-sent OrderClientId (or an OrderId) is refused on property `OrderId` with
 * "already registered and cannot be edited" (API.md §4.2, observed by S5). The refusal carries the existing
 * order's server id in EntityId, so a client recovering from a lost response learns the id it missed.
 */
export function saveOrder(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const identity = insertOnlyIdentity(ctx, rec, 'Orders', index, faMessages.orderAlreadyRegistered);
  if (identity.result) return identity.result;
  const { clientId, errors } = identity;
  const visitorError = checkVisitor(ctx, rec);
  if (visitorError) errors.push(visitorError);
  const person = resolveRef(ctx, rec, 'People', 'Person', true);
  if (person.error) errors.push(person.error);
  const orderType =
    rec.OrderType === undefined || rec.OrderType === null ? SALES_INVOICE : num(rec.OrderType);
  if (orderType === undefined || !Number.isInteger(orderType)) errors.push(invalid('OrderType'));
  if (ctx.engine.settings.refuseOrders) errors.push(err('', 'refused', faMessages.orderRefused));
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
