import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMahakSim, type MahakSim } from '../../core/mahak-sim/index.js';
import { login, pull, save, type Row } from './sim-http.js';

let sim: MahakSim;
let token: string;
beforeEach(async () => {
  sim = await startMahakSim({ port: 0, products: 40, seed: 5 });
  token = await login(sim);
});
afterEach(() => sim.close());

/** A detail with at least `min` units in store 1, and its price. */
function stockedDetail(min = 3, skip = 0): { detailId: number; stock: number; price: number } {
  const asset = sim.control
    .snapshot('ProductDetailStoreAssets')
    .filter((a) => a.StoreId === 1 && (a.Count1 as number) >= min)
    .at(skip)!;
  const detail = sim.control.row('ProductDetails', asset.ProductDetailId as number)!;
  return {
    detailId: asset.ProductDetailId as number,
    stock: asset.Count1 as number,
    price: detail.Price1 as number,
  };
}

/** A web order: new customer + link + order + lines + receipt + bank transfer slip, linked by ClientIds. */
function webOrder(n: number, lines: { detailId: number; count: number; price: number }[]) {
  const personClientId = 9_000_000 + n;
  const orderClientId = 7_000_000 + n;
  const receiptClientId = 8_000_000 + n;
  const total = lines.reduce((s, l) => s + l.count * l.price, 0);
  return {
    People: [
      {
        personClientId,
        personGroupId: 4,
        firstName: 'سارا',
        lastName: 'كريمي',
        mobile: '09121112233',
        personType: 0,
      },
    ],
    VisitorPeople: [{ PersonClientId: personClientId, VisitorId: 7 }],
    orders: [
      {
        OrderClientId: orderClientId,
        VisitorId: 7,
        PersonClientId: personClientId,
        OrderType: 201,
        OrderDate: '2025-01-01T10:00:00',
        ShippingAddress: '{"address":"تهران، ولیعصر"}',
      },
    ],
    OrderDetails: lines.map((l, i) => ({
      OrderDetailClientId: orderClientId * 10 + i,
      OrderClientId: orderClientId,
      ItemType: 1,
      ProductDetailId: l.detailId,
      Price: l.price,
      Count1: l.count,
      StoreId: 1,
    })),
    receipts: [
      {
        receiptClientId,
        personClientId,
        visitorId: 7,
        cashAmount: 0,
        orderClientId,
        date: '2025-01-01T10:05:00',
      },
    ],
    cheques: [
      {
        chequeClientId: receiptClientId * 10,
        receiptClientId,
        bankId: 2,
        amount: total,
        type: 2,
        number: 'TRK-123',
      },
    ],
  };
}

describe('SaveAllData (API.md §4)', () => {
  it('saves parents and children in one request, linked by ClientId; Results by Index', async () => {
    const a = stockedDetail(3, 0);
    const b = stockedDetail(3, 1);
    const r = await save(
      sim,
      token,
      webOrder(1, [
        { ...a, count: 2 },
        { ...b, count: 1 },
      ]),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ Result: true, Code: 0 });
    const o = r.body.Data.Objects;
    expect(Object.keys(o).sort()).toEqual([
      'Cheques',
      'OrderDetails',
      'Orders',
      'People',
      'Receipts',
      'VisitorPeople',
    ]);
    const person = o.People.Results[0];
    expect(person).toMatchObject({ Result: true, Index: 0, EntityClientId: 9_000_001, Errors: [] });
    expect(person.EntityId).toBe(sim.control.info().people + 1);
    expect(person.RowVersion).toBeGreaterThan(2 ** 32);
    expect(o.OrderDetails.Results.map((x: Row) => x.Index)).toEqual([0, 1]);
    expect(o.OrderDetails.Results.map((x: Row) => x.EntityClientId)).toEqual([70_000_010, 70_000_011]);
    const books = sim.control.books();
    expect(books.Orders).toHaveLength(1);
    expect(books.Orders[0]).toMatchObject({
      OrderId: o.Orders.Results[0].EntityId,
      PersonId: person.EntityId,
      VisitorId: 7,
      OrderType: 201,
    });
    expect(books.OrderDetails.map((l) => l.OrderId)).toEqual([
      books.Orders[0].OrderId,
      books.Orders[0].OrderId,
    ]);
    expect(books.Receipts[0]).toMatchObject({ OrderId: books.Orders[0].OrderId, PersonId: person.EntityId });
    expect(books.Cheques[0]).toMatchObject({
      ReceiptId: books.Receipts[0].ReceiptId,
      Type: 2,
      Amount: 2 * a.price + b.price,
      BankId: 2,
    });
    // RowVersions are distinct and increasing in dependency order.
    const rvs = [o.People, o.VisitorPeople, o.Orders, o.OrderDetails, o.Receipts, o.Cheques].flatMap((c) =>
      c.Results.map((x: Row) => x.RowVersion),
    );
    expect(rvs.slice(0, 3)).toEqual([...rvs.slice(0, 3)].sort((x, y) => x - y));
    // The visitor reads its saved order back.
    const back = await pull(sim, token, {
      fromOrderVersion: 0,
      fromOrderDetailVersion: 0,
      fromPersonVersion: 0,
    });
    expect(back.Orders.map((x) => x.OrderClientId)).toEqual([7_000_001]);
    expect(back.OrderDetails).toHaveLength(2);
    expect(back.People.some((p) => p.PersonId === person.EntityId)).toBe(true);
  });

  it('reduces stock for a sales invoice (201) and bumps the stock rows', async () => {
    const a = stockedDetail(3);
    const cursor = sim.control.stats().lastRowVersion;
    expect((await save(sim, token, webOrder(2, [{ ...a, count: 3 }]))).body.Result).toBe(true);
    const delta = await pull(sim, token, {
      fromProductDetailStoreAssetVersion: cursor,
      fromVisitorProductVersion: cursor,
    });
    expect(delta.ProductDetailStoreAssets).toEqual([
      expect.objectContaining({ ProductDetailId: a.detailId, StoreId: 1, Count1: a.stock - 3 }),
    ]);
    expect(delta.VisitorProducts).toEqual([expect.objectContaining({ ProductDetailId: a.detailId })]);
  });

  it('rejects a re-sent order on OrderId with a Persian "registered / cannot edit" message, never duplicating', async () => {
    const a = stockedDetail(4);
    const body = webOrder(3, [{ ...a, count: 1 }]);
    const first = await save(sim, token, body);
    expect(first.body.Result).toBe(true);
    const again = await save(sim, token, { Orders: body.orders, OrderDetails: body.OrderDetails });
    expect(again.body.Result).toBe(false);
    const order = again.body.Data.Objects.Orders.Results[0];
    expect(order.Result).toBe(false);
    expect(order.EntityId).toBe(first.body.Data.Objects.Orders.Results[0].EntityId);
    expect(order.Errors[0].Property).toBe('OrderId');
    expect(order.Errors[0].Error).toContain('ثبت');
    expect(order.Errors[0].Error).toContain('ویرایش');
    expect(again.body.Data.Objects.OrderDetails.Results[0].Errors[0].Property).toBe('OrderId');
    expect(sim.control.books().Orders).toHaveLength(1);
    expect(sim.control.books().OrderDetails).toHaveLength(1);
    // Resending the whole request (lost response) also creates nothing new.
    expect((await save(sim, token, body)).body.Result).toBe(false);
    expect(sim.control.books().Receipts).toHaveLength(1);
    expect(
      sim.control
        .snapshot('ProductDetailStoreAssets')
        .find((x) => x.ProductDetailId === a.detailId && x.StoreId === 1)!.Count1,
    ).toBe(a.stock - 1);
  });

  it('updates (never duplicates) a re-sent Person ClientId', async () => {
    const person = { PersonClientId: 555, PersonGroupId: 1, FirstName: 'علی', LastName: 'احمدی' };
    const first = await save(sim, token, { People: [person] });
    const second = await save(sim, token, { people: [{ ...person, Mobile: '09350000000' }] });
    expect(second.body.Data.Objects.People.Results[0].EntityId).toBe(
      first.body.Data.Objects.People.Results[0].EntityId,
    );
    expect(second.body.Data.Objects.People.Results[0].RowVersion).toBeGreaterThan(
      first.body.Data.Objects.People.Results[0].RowVersion,
    );
    expect(sim.control.books().People).toEqual([
      expect.objectContaining({ PersonClientId: 555, Mobile: '09350000000' }),
    ]);
  });

  it('rejects business problems with Persian messages on the right Property, and commits nothing', async () => {
    const a = stockedDetail(2, 0);
    const deletedProduct = sim.control.row('ProductDetails', stockedDetail(2, 1).detailId)!
      .ProductId as number;
    const deletedDetail = sim.control.deleteProduct(deletedProduct).detailIds![0];
    const unassigned = stockedDetail(2, 2).detailId;
    sim.control.unassignDetail(unassigned);
    const before = sim.control.stats().lastRowVersion;
    const body = webOrder(4, [
      { ...a, count: 1 },
      { detailId: deletedDetail, count: 1, price: 1000 },
      { detailId: unassigned, count: 1, price: 1000 },
      { ...a, count: a.stock + 1 },
    ]);
    body.People.push({
      personClientId: 1234,
      personGroupId: 99,
      firstName: 'مینا',
      lastName: 'صادقی',
      mobile: '',
      personType: 0,
    });
    const r = await save(sim, token, body);
    expect(r.body.Result).toBe(false);
    expect(r.body.Message).toMatch(/[\u0600-\u06FF]/);
    const lines = r.body.Data.Objects.OrderDetails.Results;
    expect(lines.map((l: Row) => l.Index)).toEqual([0, 1, 2, 3]);
    expect(lines[1].Errors[0]).toMatchObject({ Property: 'ProductDetailId' });
    expect(lines[2].Errors[0]).toMatchObject({ Property: 'ProductDetailId' });
    expect(lines[3].Errors[0]).toMatchObject({ Property: 'Count1' });
    expect(lines[3].Errors[0].Error).toMatch(/موجودی/);
    expect(r.body.Data.Objects.People.Results[1].Errors[0]).toMatchObject({ Property: 'PersonGroupId' });
    // Request-level atomicity: the valid records were not committed either, and say so.
    expect(lines[0]).toMatchObject({ Result: false, EntityId: 0 });
    expect(lines[0].Errors[0].Error).toMatch(/[\u0600-\u06FF]/);
    expect(r.body.Data.Objects.People.Results[0].Result).toBe(false);
    expect(sim.control.books()).toMatchObject({ Orders: [], People: [], OrderDetails: [] });
    expect(
      await pull(sim, token, {
        fromOrderVersion: before,
        fromPersonVersion: before,
        fromProductDetailStoreAssetVersion: before,
      }),
    ).toEqual({
      Orders: [],
      People: [],
      ProductDetailStoreAssets: [],
    });
  });

  it('allows negative stock when the setting says so', async () => {
    const a = stockedDetail(1);
    sim.control.updateSettings({ negativeStockAllowed: true });
    expect((await save(sim, token, webOrder(5, [{ ...a, count: a.stock + 2 }]))).body.Result).toBe(true);
    expect(
      sim.control
        .snapshot('ProductDetailStoreAssets')
        .find((x) => x.ProductDetailId === a.detailId && x.StoreId === 1)!.Count1,
    ).toBe(-2);
  });

  it('in strict-price mode refuses a line price that differs from the customer level', async () => {
    const a = stockedDetail(2);
    sim.control.updateSettings({ strictPrices: true });
    const wrong = await save(sim, token, webOrder(6, [{ ...a, count: 1, price: a.price - 10_000 }]));
    expect(wrong.body.Data.Objects.OrderDetails.Results[0].Errors[0]).toMatchObject({ Property: 'Price' });
    // Person group 4 sells at level 1 (Price1).
    expect((await save(sim, token, webOrder(6, [{ ...a, count: 1 }]))).body.Result).toBe(true);
  });

  it('reports missing required fields and a foreign VisitorId as validation errors', async () => {
    const a = stockedDetail(1);
    const r = await save(sim, token, {
      Orders: [
        { OrderClientId: 1, PersonId: 1 },
        { OrderClientId: 2, PersonId: 1, VisitorId: 8 },
        { VisitorId: 7, PersonId: 1 },
        { OrderClientId: 4, VisitorId: 7 },
      ],
      OrderDetails: [
        { OrderClientId: 999, ProductDetailId: a.detailId, Count1: 1, Price: 1, StoreId: 1 },
        { OrderClientId: 1, ProductDetailId: a.detailId, Price: 1 },
      ],
    });
    const orders = r.body.Data.Objects.Orders.Results;
    expect(orders[0].Errors.map((e: Row) => e.Property)).toEqual(['VisitorId']);
    expect(orders[1].Errors.map((e: Row) => e.Property)).toEqual(['VisitorId']);
    expect(orders[2].Errors.map((e: Row) => e.Property)).toEqual(['OrderClientId']);
    expect(orders[3].Errors.map((e: Row) => e.Property)).toEqual(['PersonId']);
    const lines = r.body.Data.Objects.OrderDetails.Results;
    expect(lines[0].Errors[0].Property).toBe('OrderClientId');
    expect(lines[1].Errors.map((e: Row) => e.Property)).toEqual(
      expect.arrayContaining(['Count1', 'StoreId']),
    );
  });

  it('with atomicSave off commits the valid records and fails the ones that depend on a failed record', async () => {
    sim.control.updateSettings({ atomicSave: false });
    const a = stockedDetail(1);
    const r = await save(sim, token, {
      People: [
        { PersonClientId: 11, PersonGroupId: 1, LastName: 'قاسمی' },
        { PersonClientId: 12, PersonGroupId: 77, LastName: 'موسوی' },
      ],
      Orders: [
        { OrderClientId: 21, VisitorId: 7, PersonClientId: 11 },
        { OrderClientId: 22, VisitorId: 7, PersonClientId: 12 },
      ],
      OrderDetails: [
        { OrderClientId: 21, ProductDetailId: a.detailId, Count1: 1, Price: a.price, StoreId: 1 },
        { OrderClientId: 22, ProductDetailId: a.detailId, Count1: 1, Price: a.price, StoreId: 1 },
      ],
    });
    expect(r.body.Result).toBe(false);
    const ok = (c: string) => r.body.Data.Objects[c].Results.map((x: Row) => x.Result);
    expect([ok('People'), ok('Orders'), ok('OrderDetails')]).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    const books = sim.control.books();
    expect(books.People.map((p) => p.PersonClientId)).toEqual([11]);
    expect(books.Orders.map((o) => o.OrderClientId)).toEqual([21]);
  });

  it('accepts a Picture with bare Base64 BinaryData and serves its bytes at Url', async () => {
    const bytes = Buffer.from('fake-jpeg-bytes-\u06F1', 'utf8');
    const r = await save(sim, token, {
      Pictures: [{ PictureClientId: 31, FileName: 'امضا.jpg', BinaryData: bytes.toString('base64') }],
    });
    const result = r.body.Data.Objects.Pictures.Results[0];
    expect(result.Result).toBe(true);
    expect(result.AdditionalData.Url).toMatch(/^\/Content\/Images\/all\//);
    const img = await fetch(`${sim.origin}${result.AdditionalData.Url}`);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await img.arrayBuffer())).toEqual(bytes);
  });
});
