import { faMessages } from './sim-messages.js';
import { nowWireDate } from './sim-row.js';
import {
  checkVisitor,
  insertOnlyIdentity,
  clientFields,
  err,
  failed,
  invalid,
  num,
  required,
  resolveRef,
  succeeded,
  type RecordResult,
  type SaveContext,
  type SaveRecord,
} from './sim-save-context.js';

/** Money received (API.md §3.4 Receipt): insert-only like orders; a re-sent ReceiptClientId is refused. */
export function saveReceipt(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const identity = insertOnlyIdentity(ctx, rec, 'Receipts', index, faMessages.receiptAlreadyRegistered);
  if (identity.result) return identity.result;
  const { clientId, errors } = identity;
  const visitorError = checkVisitor(ctx, rec);
  if (visitorError) errors.push(visitorError);
  const person = resolveRef(ctx, rec, 'People', 'Person', true);
  if (person.error) errors.push(person.error);
  const order = resolveRef(ctx, rec, 'Orders', 'Order', false);
  if (order.error) errors.push(order.error);
  const amount = num(rec.CashAmount) ?? 0;
  if (amount < 0) errors.push(invalid('CashAmount'));
  if (ctx.engine.settings.refusePayments)
    errors.push(err('CashAmount', 'invalid', faMessages.paymentRefused));
  if (errors.length > 0) return failed('Receipts', rec, index, errors);

  const row = ctx.tx.insert(
    'Receipts',
    {
      ReceiptCode: 0,
      Date: nowWireDate(),
      ...clientFields(rec),
      ReceiptClientId: clientId,
      VisitorId: ctx.visitorId,
      PersonId: person.id,
      CashAmount: amount,
      ...(order.row
        ? { OrderId: order.id, OrderClientId: order.row.OrderClientId, OrderType: order.row.OrderType }
        : {}),
    },
    { visitorId: ctx.visitorId, clientId: clientId! },
  );
  ctx.createdReceipts.add(row.ReceiptId as number);
  return succeeded(ctx, 'Receipts', row, index);
}

/** A cheque or (Type 2) bank transfer slip of a receipt sent in the same request (S4's paid web order). */
export function saveCheque(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const identity = insertOnlyIdentity(ctx, rec, 'Cheques', index, faMessages.chequeAlreadyRegistered);
  if (identity.result) return identity.result;
  const { clientId, errors } = identity;
  const receipt = resolveRef(ctx, rec, 'Receipts', 'Receipt', true);
  if (receipt.error) errors.push(receipt.error);
  else if (!ctx.createdReceipts.has(receipt.id!))
    errors.push(err('ReceiptId', 'alreadyRegistered', faMessages.receiptAlreadyRegistered));
  const hasBank = [rec.BankId, rec.BankClientId, rec.BankCode].some((v) => num(v));
  const bank = hasBank ? resolveRef(ctx, rec, 'Banks', 'Bank', false) : {};
  if (bank.error) errors.push(bank.error);
  const amount = num(rec.Amount);
  if (amount === undefined) errors.push(required('Amount'));
  else if (amount <= 0) errors.push(invalid('Amount'));
  const type = rec.Type === undefined || rec.Type === null ? 1 : num(rec.Type);
  if (type !== 1 && type !== 2) errors.push(invalid('Type'));
  if (errors.length > 0) return failed('Cheques', rec, index, errors);

  const row = ctx.tx.insert(
    'Cheques',
    {
      ChequeCode: 0,
      Date: nowWireDate(),
      ...clientFields(rec),
      ChequeClientId: clientId,
      ReceiptId: receipt.id,
      ReceiptClientId: receipt.row!.ReceiptClientId,
      ...(bank.row ? { BankId: bank.id, BankName: rec.BankName ?? bank.row.Name } : {}),
      Amount: amount,
      Type: type,
    },
    { visitorId: ctx.visitorId, clientId: clientId! },
  );
  return succeeded(ctx, 'Cheques', row, index);
}
