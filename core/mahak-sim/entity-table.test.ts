import { describe, expect, it } from 'vitest';
import { EntityTable } from './entity-table.js';
import { entityDefs } from './sim-entities.js';

const base = {
  count: 5,
  rvStart: 100,
  idOffset: 0,
  rowAt: (i: number) => ({ StoreId: i + 1, Name: `s${i + 1}`, Deleted: false, RowVersion: 100 + i }),
};
const all = () => true;
const ids = (rows: Record<string, unknown>[]) => rows.map((r) => [r.StoreId, r.RowVersion]);

describe('EntityTable', () => {
  it('pages base rows then overlay rows, ascending, skipping superseded base rows', () => {
    const t = new EntityTable(entityDefs.Stores, base);
    t.write({ StoreId: 2, Name: 'x', Deleted: false, RowVersion: 500 });
    t.write({ StoreId: t.allocateId(), Name: 'new', Deleted: false, RowVersion: 501 });
    expect(ids(t.page(0, Infinity, all))).toEqual([
      [1, 100],
      [3, 102],
      [4, 103],
      [5, 104],
      [2, 500],
      [6, 501],
    ]);
    expect(ids(t.page(102, 2, all))).toEqual([
      [4, 103],
      [5, 104],
    ]);
    expect(ids(t.page(104, 10, all))).toEqual([
      [2, 500],
      [6, 501],
    ]);
    t.write({ StoreId: 2, Name: 'y', Deleted: true, RowVersion: 502 });
    expect(ids(t.page(500, 10, all))).toEqual([
      [6, 501],
      [2, 502],
    ]);
  });

  it('serves generated rows with the Swagger fields they lack after their own keys, each row a fresh object', () => {
    const t = new EntityTable(entityDefs.Stores, base);
    const [first] = t.page(0, 1, all);
    // Key order is the wire order of the JSON: the generator's fields, then the added neutral ones.
    expect(Object.keys(first)).toEqual([
      'StoreId',
      'Name',
      'Deleted',
      'RowVersion',
      'StoreClientId',
      'StoreCode',
      'Stock',
      'Comment',
    ]);
    expect(first).toMatchObject({ StoreClientId: 0, StoreCode: 0, Stock: 0, Comment: '' });
    // The fields are added in place on the generator's object: a caller changing a served row must not
    // change what the next request gets.
    first.Name = 'changed';
    expect(t.page(0, 1, all)[0].Name).toBe('s1');
    expect(t.visible(1)!.Name).toBe('s1');
  });

  it('keeps a late version invisible until due, then slots it in by RowVersion', () => {
    const t = new EntityTable(entityDefs.Stores, base);
    t.write(
      { StoreId: 3, Name: 'late', Deleted: false, RowVersion: 600 },
      { visibleAt: Infinity, lateId: 1 },
    );
    t.write({ StoreId: 4, Name: 'now', Deleted: false, RowVersion: 601 });
    expect(t.visible(3)!.Name).toBe('s3');
    expect(t.latest(3)!.Name).toBe('late');
    expect(ids(t.page(104, 10, all))).toEqual([[4, 601]]);
    t.flush(Date.now(), 2);
    expect(t.visible(3)!.Name).toBe('s3');
    t.flush(Date.now(), 1);
    expect(ids(t.page(104, 10, all))).toEqual([
      [3, 600],
      [4, 601],
    ]);
  });

  it('drops a late version overtaken by a newer write', () => {
    const t = new EntityTable(entityDefs.Stores, base);
    t.write(
      { StoreId: 1, Name: 'late', Deleted: false, RowVersion: 700 },
      { visibleAt: Date.now() + 10_000 },
    );
    t.write({ StoreId: 1, Name: 'newer', Deleted: false, RowVersion: 701 });
    t.flush(Date.now() + 20_000);
    expect(t.visible(1)!.Name).toBe('newer');
    expect(ids(t.page(104, 10, all))).toEqual([[1, 701]]);
  });

  it('compacts stale index entries without losing rows', () => {
    const t = new EntityTable(entityDefs.Stores, base);
    let rv = 1000;
    for (let k = 0; k < 3000; k++) t.write({ StoreId: 1 + (k % 2), Deleted: false, RowVersion: rv++ });
    expect(ids(t.page(104, 10, all))).toEqual([
      [1, rv - 2],
      [2, rv - 1],
    ]);
  });
});
