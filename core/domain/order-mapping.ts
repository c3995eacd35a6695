import type { PushOrderPayload, PushPersonPayload } from '../contracts/orders.js';
import { chequeClientId, orderClientIds, personClientId, receiptClientId } from './client-ids.js';
import {
  foldArabicLetters,
  mahakLocalDateTime,
  shippingAddressJson,
  toMahakMoney,
  type MahakCurrency,
} from './order-mapping-values.js';

/** How web orders become Mahak records (API.md §4.1 "How an order is built"). */
export interface PushMappingConfig {
  /** From login (LoginResult.VisitorId); the spec says Order.VisitorId is mandatory. */
  visitorId: number;
  /** OrderDetail.StoreId: S5 says required "per Mahak support". */
  storeId: number;
  /** ClientId generation of this store database (core/domain/client-ids.ts). */
  generation: number;
  currency: MahakCurrency;
  /** 201 = sales invoice (default); 299 delivery pre-invoice, 203 pre-sale are alternatives. */
  orderType: number;
  /**
   * SettlementType: the spec says 1 = cash, 0 = credit; S5's guide says 2 = credit (API.md §4.1
   * disagreements), so both values are configurable. Paid online orders are cash; cash on delivery is
   * credit until the courier brings the money.
   */
  settlementType: { paid: number; unpaid: number };
  /** DiscountType on orders and lines (0 amount, 1 percent); we never send a discount. */
  discountType: 0 | 1;
  /** Bank account that receives gateway money (Cheque.BankId, S4). */
  bankId: number;
  /** Receipt.CashCode of the visitor's cash box, when the shop uses one. */
  cashCode?: number;
  /** PersonGroupId for new customers (must exist in Mahak; S5 says required). */
  personGroupId: number;
  /** The shop's time zone for OrderDate (ISO without zone). */
  timeZone: string;
  /** Also put ReceiptClientId on the Order, as S3/S4 do, besides OrderClientId on the Receipt. */
  linkReceiptOnOrder: boolean;
}

export const defaultPushMapping = {
  orderType: 201,
  settlementType: { paid: 1, unpaid: 0 },
  discountType: 0,
  timeZone: 'Asia/Tehran',
  linkReceiptOnOrder: true,
  currency: 'rial',
} as const satisfies Partial<PushMappingConfig>;

/** One outgoing record: PascalCase keys as Mahak names them (bound case-insensitively, API.md §1.4). */
export type MahakRecord = Record<string, string | number | boolean>;

/** Collections in dependency order (ARCHITECTURE.md invariant 5). */
export const pushCollections = [
  'People',
  'VisitorPeople',
  'Orders',
  'OrderDetails',
  'Receipts',
  'Cheques',
] as const;
export type PushCollection = (typeof pushCollections)[number];

export type RecordRole = 'person' | 'visitorPerson' | 'order' | 'orderDetail' | 'receipt' | 'cheque';

export interface MappedRecord {
  collection: PushCollection;
  role: RecordRole;
  clientId: number | null;
  lineIndex?: number;
  record: MahakRecord;
}

export function mapPerson(p: PushPersonPayload, cfg: PushMappingConfig): MappedRecord[] {
  const clientId = personClientId(cfg.generation, p.personSeq);
  const person: MahakRecord = {
    PersonClientId: clientId,
    PersonGroupId: p.personGroupId ?? cfg.personGroupId,
    PersonType: 0,
    FirstName: foldArabicLetters(p.firstName),
    LastName: foldArabicLetters(p.lastName),
    Mobile: p.mobile,
    Deleted: false,
  };
  if (p.email) person.Email = p.email;
  if (p.nationalCode) person.NationalCode = p.nationalCode;
  if (p.address?.province) person.State = foldArabicLetters(p.address.province);
  if (p.address?.city) person.City = foldArabicLetters(p.address.city);
  if (p.address?.address) person.Address = foldArabicLetters(p.address.address);
  if (p.address?.postalCode) person.PostalCode = p.address.postalCode;
  // S4 (Mahak's own plugin) links the person to the visitor in the same request by PersonClientId;
  // without the link an order is saved but no stock/ledger transaction is made (S5, API.md §4.1).
  const link: MahakRecord = { PersonClientId: clientId, VisitorId: cfg.visitorId, Deleted: false };
  return [
    { collection: 'People', role: 'person', clientId, record: person },
    { collection: 'VisitorPeople', role: 'visitorPerson', clientId: null, record: link },
  ];
}

/** PersonId (server id) when known, else PersonClientId (API.md §4.1 identity rules). */
function personRef(o: PushOrderPayload, cfg: PushMappingConfig, known: PersonIdLookup): MahakRecord {
  if (o.customer.personServerId !== null) return { PersonId: o.customer.personServerId };
  const clientId = customerClientId(o, cfg)!;
  const serverId = known(clientId);
  return serverId ? { PersonId: serverId } : { PersonClientId: clientId };
}

/** The PersonClientId of an order's customer, when we created that customer. */
export const customerClientId = (o: PushOrderPayload, cfg: PushMappingConfig): number | undefined =>
  o.customer.personSeq === null ? undefined : personClientId(cfg.generation, o.customer.personSeq);

export type PersonIdLookup = (personClientId: number) => number | undefined;

export function mapOrder(o: PushOrderPayload, cfg: PushMappingConfig, known: PersonIdLookup): MappedRecord[] {
  const ids = orderClientIds(cfg.generation, o.orderSeq, o.revision, o.lines.length);
  const date = mahakLocalDateTime(o.createdAt, cfg.timeZone);
  const person = personRef(o, cfg, known);
  const paidOnline = o.payment.method === 'online' && o.payment.paid;
  const order: MahakRecord = {
    OrderClientId: ids.order,
    VisitorId: cfg.visitorId,
    ...person,
    OrderType: cfg.orderType,
    OrderDate: date,
    Discount: 0,
    DiscountType: cfg.discountType,
    SendCost: toMahakMoney(o.totals.shippingCost, cfg.currency, 'shippingCost'),
    SettlementType: paidOnline ? cfg.settlementType.paid : cfg.settlementType.unpaid,
    Description: foldArabicLetters(`سفارش اینترنتی ${o.orderId}${o.note ? ` - ${o.note}` : ''}`).slice(
      0,
      500,
    ),
    ShippingAddress: shippingAddressJson(o.shipping),
    Deleted: false,
  };
  if (paidOnline && cfg.linkReceiptOnOrder) order.ReceiptClientId = ids.receipt;
  const out: MappedRecord[] = [{ collection: 'Orders', role: 'order', clientId: ids.order, record: order }];
  o.lines.forEach((line, i) => {
    const record: MahakRecord = {
      OrderDetailClientId: ids.details[i],
      OrderClientId: ids.order,
      ItemType: 1,
      ProductDetailId: line.variantId,
      Price: toMahakMoney(line.unitPrice, cfg.currency, `lines[${i}].unitPrice`),
      Count1: line.quantity,
      Count2: 0,
      StoreId: cfg.storeId,
      Discount: 0,
      DiscountType: cfg.discountType,
      TaxPercent: line.taxPercent,
      ChargePercent: line.chargePercent,
      RowId: i + 1,
      Description: foldArabicLetters(line.productName).slice(0, 200),
      Deleted: false,
    };
    out.push({
      collection: 'OrderDetails',
      role: 'orderDetail',
      clientId: ids.details[i],
      lineIndex: i,
      record,
    });
  });
  if (paidOnline) out.push(...mapPayment(o, cfg, person, ids.order));
  return out;
}

/**
 * Card/gateway money as Mahak's own plugin records it (S4, API.md §4.1): a Receipt with CashAmount 0
 * and a Cheque of Type 2 (transfer/deposit) carrying the amount, the bank and the gateway reference.
 */
function mapPayment(
  o: PushOrderPayload,
  cfg: PushMappingConfig,
  person: MahakRecord,
  orderId: number,
): MappedRecord[] {
  const receiptId = receiptClientId(cfg.generation, o.orderSeq, o.revision);
  const chequeId = chequeClientId(cfg.generation, o.orderSeq, o.revision);
  const date = mahakLocalDateTime(o.payment.paidAt ?? o.createdAt, cfg.timeZone);
  const reference = o.payment.reference ?? o.orderId;
  const description = `پرداخت اینترنتی سفارش ${o.orderId}`;
  const receipt: MahakRecord = {
    ReceiptClientId: receiptId,
    ...person,
    VisitorId: cfg.visitorId,
    CashAmount: 0,
    Date: date,
    OrderClientId: orderId,
    OrderType: cfg.orderType,
    TrackingCode: reference,
    Description: description,
    Deleted: false,
  };
  if (cfg.cashCode !== undefined) receipt.CashCode = cfg.cashCode;
  const cheque: MahakRecord = {
    ChequeClientId: chequeId,
    ReceiptClientId: receiptId,
    BankId: cfg.bankId,
    Number: reference,
    Amount: toMahakMoney(o.payment.amount, cfg.currency, 'payment.amount'),
    Date: date,
    Type: 2,
    Description: description,
    Deleted: false,
  };
  return [
    { collection: 'Receipts', role: 'receipt', clientId: receiptId, record: receipt },
    { collection: 'Cheques', role: 'cheque', clientId: chequeId, record: cheque },
  ];
}
