import { describe, expect, it } from 'vitest';
import { pushOrderPayloadSchema, pushPersonPayloadSchema } from '../contracts/orders.js';
import {
  chequeClientId,
  orderClientId,
  orderDetailClientId,
  personClientId,
  receiptClientId,
} from './client-ids.js';
import { mapOrder, mapPerson } from './order-mapping.js';
import { PushProblemError } from './order-mapping-values.js';
import { fixtureLine, fixtureOrder, fixturePerson, testMappingConfig as cfg } from './push-fixtures.js';

const unknownPerson = () => undefined;

describe('fixtures', () => {
  it('are valid outbox payloads', () => {
    // Valid, not unchanged: the text primitive folds the fixtures' Arabic ي/ك into Persian ی/ک.
    expect(pushOrderPayloadSchema.safeParse(fixtureOrder(1)).success).toBe(true);
    expect(pushPersonPayloadSchema.safeParse(fixturePerson(1)).success).toBe(true);
  });
});

describe('mapPerson', () => {
  it('sends a new customer as Person + VisitorPerson linked by PersonClientId', () => {
    const [person, link] = mapPerson(fixturePerson(8, { firstName: 'فاطمه', lastName: 'كريمي' }), cfg);
    expect(person).toMatchObject({ collection: 'People', role: 'person', clientId: personClientId(0, 8) });
    expect(person.record).toMatchObject({
      PersonClientId: personClientId(0, 8),
      PersonGroupId: 5,
      PersonType: 0,
      FirstName: 'فاطمه',
      LastName: 'کریمی',
      Mobile: '09121234567',
      City: 'تهران',
      PostalCode: '1415893456',
      Deleted: false,
    });
    expect(link.record).toEqual({ PersonClientId: personClientId(0, 8), VisitorId: 731, Deleted: false });
  });

  it('uses the group set by a dispute edit', () => {
    const [person] = mapPerson(fixturePerson(8, { personGroupId: 9 }), cfg);
    expect(person.record.PersonGroupId).toBe(9);
  });
});

describe('mapOrder', () => {
  it('builds Order, OrderDetails, Receipt and a Type 2 Cheque for a paid online order', () => {
    const records = mapOrder(fixtureOrder(42), cfg, unknownPerson);
    expect(records.map((r) => r.collection)).toEqual([
      'Orders',
      'OrderDetails',
      'OrderDetails',
      'Receipts',
      'Cheques',
    ]);
    const [order, d0, d1, receipt, cheque] = records.map((r) => r.record);
    expect(order).toMatchObject({
      OrderClientId: orderClientId(0, 42),
      VisitorId: 731,
      PersonClientId: personClientId(0, 42),
      OrderType: 201,
      OrderDate: '2025-03-10T11:45:00',
      SendCost: 600_000,
      SettlementType: 1,
      DiscountType: 0,
      ReceiptClientId: receiptClientId(0, 42, 0),
    });
    expect(order.PersonId).toBeUndefined();
    expect(JSON.parse(String(order.ShippingAddress))).toMatchObject({
      description: 'گیرنده: فاطمه کریمی',
      cityid: 0,
    });
    expect(d0).toMatchObject({
      OrderDetailClientId: orderDetailClientId(0, 42, 0, 0),
      OrderClientId: orderClientId(0, 42),
      ItemType: 1,
      ProductDetailId: 501,
      Price: 12_500_000,
      Count1: 1,
      StoreId: 3,
      TaxPercent: 9,
      ChargePercent: 0,
      RowId: 1,
    });
    expect(d1).toMatchObject({ ProductDetailId: 502, Count1: 2, Price: 3_450_000, RowId: 2 });
    expect(receipt).toMatchObject({
      ReceiptClientId: receiptClientId(0, 42, 0),
      OrderClientId: orderClientId(0, 42),
      CashAmount: 0,
      TrackingCode: 'ZP-778899',
      Date: '2025-03-10T11:47:30',
    });
    expect(cheque).toMatchObject({
      ChequeClientId: chequeClientId(0, 42, 0),
      ReceiptClientId: receiptClientId(0, 42, 0),
      Type: 2,
      BankId: 12,
      Number: 'ZP-778899',
      Amount: fixtureOrder(42).payment.amount,
    });
  });

  it('uses the server PersonId when known (payload or learned earlier)', () => {
    const fromPayload = mapOrder(
      fixtureOrder(1, { customer: { personSeq: 1, personServerId: 9001 } }),
      cfg,
      unknownPerson,
    );
    expect(fromPayload[0].record).toMatchObject({ PersonId: 9001 });
    expect(fromPayload[0].record.PersonClientId).toBeUndefined();
    const learned = mapOrder(fixtureOrder(1), cfg, (id) => (id === personClientId(0, 1) ? 9002 : undefined));
    expect(learned[0].record.PersonId).toBe(9002);
    expect(learned.find((r) => r.role === 'receipt')!.record.PersonId).toBe(9002);
  });

  it('names a customer pulled from Mahak by PersonId only; a customer needs one of the two ids', () => {
    const fromMahak = fixtureOrder(6, { customer: { personSeq: null, personServerId: 31 } });
    expect(pushOrderPayloadSchema.safeParse(fromMahak).success).toBe(true);
    expect(mapOrder(fromMahak, cfg, unknownPerson)[0].record).toMatchObject({ PersonId: 31 });
    const nobody = fixtureOrder(6, { customer: { personSeq: null, personServerId: null } });
    expect(pushOrderPayloadSchema.safeParse(nobody).success).toBe(false);
  });

  it('sends cash on delivery as credit with no receipt', () => {
    const cod = fixtureOrder(2, { payment: { method: 'cash_on_delivery', paid: false, amount: 0 } });
    const records = mapOrder(cod, cfg, unknownPerson);
    expect(records.map((r) => r.role)).toEqual(['order', 'orderDetail', 'orderDetail']);
    expect(records[0].record.SettlementType).toBe(0);
    expect(records[0].record.ReceiptClientId).toBeUndefined();
  });

  it('honours the configured settlement values, order type and link option', () => {
    const c = { ...cfg, settlementType: { paid: 1, unpaid: 2 }, orderType: 299, linkReceiptOnOrder: false };
    const paid = mapOrder(fixtureOrder(3), c, unknownPerson)[0].record;
    expect(paid).toMatchObject({ OrderType: 299, SettlementType: 1 });
    expect(paid.ReceiptClientId).toBeUndefined();
    const cod = mapOrder(
      fixtureOrder(3, { payment: { method: 'cash_on_delivery', paid: false, amount: 0 } }),
      c,
      unknownPerson,
    );
    expect(cod[0].record.SettlementType).toBe(2);
  });

  it('converts to toman and refuses an amount that is not whole toman', () => {
    const records = mapOrder(fixtureOrder(4), { ...cfg, currency: 'toman' }, unknownPerson);
    expect(records[1].record.Price).toBe(1_250_000);
    expect(records[0].record.SendCost).toBe(60_000);
    const odd = fixtureOrder(4, { lines: [fixtureLine(501, 1, 12_500_005)] });
    expect(() => mapOrder(odd, { ...cfg, currency: 'toman' }, unknownPerson)).toThrow(PushProblemError);
  });

  it('gives a resend fresh child ids but the same OrderClientId', () => {
    const first = mapOrder(fixtureOrder(5), cfg, unknownPerson);
    const again = mapOrder(fixtureOrder(5, { revision: 1 }), cfg, unknownPerson);
    expect(again[0].clientId).toBe(first[0].clientId);
    expect(again[1].clientId).not.toBe(first[1].clientId);
  });
});
