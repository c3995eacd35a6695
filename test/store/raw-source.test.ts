import { describe, expect, it } from 'vitest';
import { parseJsonBuffer } from '../../core/mahak/json-body.js';
import { jsonParam, readJson } from '../../core/store/sql-values.js';

// A page as Mahak writes it: its own spacing and number spelling, Persian text, above the size at
// which the body is read record by record.
const recordText = (id: number) =>
  `{"ProductId": ${id}, "Name": "كيف چرمي \\u0645\\u062f\\u0644 ${id}", "Price1": 1500000.0, "Deleted": false, "RowVersion": ${1000 + id}}`;
const texts = Array.from({ length: 600 }, (_, i) => recordText(i + 1));
const body = Buffer.from(
  `{"Result": true, "Data": {"Objects": {"Products": [${texts.join(', ')}]}}}`,
  'utf8',
);

describe('the raw column of a pulled record', () => {
  const page = (parseJsonBuffer(body) as { Data: { Objects: { Products: Record<string, unknown>[] } } }).Data
    .Objects.Products;

  it('is the text the record was parsed from, not a second serialisation', () => {
    expect(body.length).toBeGreaterThan(64 * 1024);
    expect(page).toHaveLength(600);
    expect(jsonParam(page[41])).toBe(texts[41]);
    expect(readJson(jsonParam(page[41]))).toEqual(page[41]);
  });

  it('is serialised again for any other object, a copy of a parsed record included', () => {
    const copy = { ...page[41] };
    expect(jsonParam(copy)).toBe(JSON.stringify(copy));
    for (const other of [Object.assign({}, page[41]), structuredClone(page[41]), Object.create(page[41])])
      expect(jsonParam(other)).toBe(JSON.stringify(other));
    // The text rides on the record unseen: its keys and its JSON are the parsed ones.
    expect(Object.keys(page[41])).toEqual(['ProductId', 'Name', 'Price1', 'Deleted', 'RowVersion']);
    expect(JSON.parse(JSON.stringify(page[41]))).toEqual(page[41]);
    expect(jsonParam(copy)).not.toBe(texts[41]); // 1500000.0 and the escapes are written afresh
    expect(jsonParam({ نام: 'کیف' })).toBe('{"نام":"کیف"}');
    expect(jsonParam(null)).toBeNull();
  });
});
