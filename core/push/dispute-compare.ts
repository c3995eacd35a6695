import type { ComparedField, ComparedRecord } from '../contracts/admin-disputes.js';
import type { PushOrderPayload, PushPersonPayload } from '../contracts/orders.js';
import type { DisputeRecord } from './dispute-repo.js';
import { availableIn, priceOf, stockOf, type SuggestOptions } from './dispute-suggest.js';

type Row = Record<string, unknown>;
type Bag = Record<string, unknown>;

const rows = (bag: Bag, key: string): Row[] | undefined => {
  const v = bag[key];
  return Array.isArray(v) ? (v as Row[]) : undefined;
};
const live = (r: Row | undefined) => r !== undefined && r.Deleted !== true;
const field = (f: Omit<ComparedField, 'differs'>, differs: boolean): ComparedField => ({ ...f, differs });

/**
 * Our side of a dispute beside Mahak's current records (`bag`: collections as GetAllData returns them,
 * read live or captured when the dispute opened), field by field. Only what the bag can answer is
 * compared: a collection that was not read gives no field rather than a false "differs".
 */
export function compareDispute(d: DisputeRecord, bag: Bag, o: SuggestOptions): ComparedRecord[] {
  if (d.payload.kind === 'person') return [comparePerson(d.payload, bag, o)];
  if (d.reason === 'readback_mismatch') return compareInvoice(d.payload, bag, o);
  return d.payload.lines.map((_, i) => compareLine(d, d.payload as PushOrderPayload, i, bag, o));
}

function compareLine(d: DisputeRecord, p: PushOrderPayload, i: number, bag: Bag, o: SuggestOptions) {
  const line = p.lines[i];
  const details = rows(bag, 'ProductDetails');
  const detail = details?.find((r) => Number(r.ProductDetailId) === line.variantId);
  const fields: ComparedField[] = [];
  if (details) {
    const available = availableIn({ ...d, mahakCurrent: bag }, line) === true;
    fields.push(field({ field: 'available', ours: true, mahak: available, format: 'bool' }, !available));
    const price = detail ? (priceOf({ ...d, mahakCurrent: bag }, p, detail, o) ?? null) : null;
    fields.push(
      field(
        { field: 'unitPrice', ours: line.unitPrice, mahak: price, format: 'money' },
        price !== line.unitPrice,
      ),
    );
  }
  if (rows(bag, 'ProductDetailStoreAssets')) {
    const stock = stockOf({ ...d, mahakCurrent: bag }, line.variantId, o.storeId) ?? null;
    fields.push(
      field(
        { field: 'stock', ours: line.quantity, mahak: stock, format: 'number' },
        (stock ?? 0) < line.quantity,
      ),
    );
  }
  const record: ComparedRecord = {
    key: `line:${i}`,
    kind: 'line',
    lineIndex: i,
    label: line.productName,
    inMahak: detail !== undefined,
    fields,
  };
  return record;
}

/** Mahak keeps money in its own currency; the comparison is in rial like our side. */
const toRial = (v: unknown, o: SuggestOptions): number | null =>
  v === undefined || v === null || !Number.isFinite(Number(v))
    ? null
    : Math.round(Number(v) * (o.currency === 'toman' ? 10 : 1));

/** A read-back mismatch: the order as we sent it beside the invoice Mahak holds, line by line. */
function compareInvoice(p: PushOrderPayload, bag: Bag, o: SuggestOptions): ComparedRecord[] {
  const orders = rows(bag, 'Orders') ?? [];
  const invoice = [...orders].sort((a, b) => Number(b.RowVersion) - Number(a.RowVersion))[0];
  const lines = (rows(bag, 'OrderDetails') ?? []).filter(
    (r) => live(r) && (invoice === undefined || Number(r.OrderId) === Number(invoice.OrderId)),
  );
  const used = new Set<Row>();
  const out: ComparedRecord[] = [
    {
      key: 'invoice',
      kind: 'invoice',
      lineIndex: null,
      label: invoice ? String(invoice.OrderCode ?? invoice.OrderId) : '',
      inMahak: invoice !== undefined,
      fields: [
        field(
          { field: 'deleted', ours: false, mahak: invoice ? invoice.Deleted === true : null, format: 'bool' },
          !live(invoice),
        ),
        field(
          { field: 'lines', ours: p.lines.length, mahak: lines.length, format: 'number' },
          lines.length !== p.lines.length,
        ),
      ],
    },
  ];
  for (const [i, line] of p.lines.entries()) {
    const row = lines.find((r) => !used.has(r) && Number(r.ProductDetailId) === line.variantId);
    if (row) used.add(row);
    const price = toRial(row?.Price, o);
    const count = row?.Count1 === undefined ? null : Number(row.Count1);
    out.push({
      key: `line:${i}`,
      kind: 'line',
      lineIndex: i,
      label: line.productName,
      inMahak: row !== undefined,
      fields: [
        field(
          {
            field: 'productDetailId',
            ours: line.variantId,
            mahak: row ? Number(row.ProductDetailId) : null,
            format: 'id',
          },
          !row,
        ),
        field(
          { field: 'unitPrice', ours: line.unitPrice, mahak: price, format: 'money' },
          price !== line.unitPrice,
        ),
        field(
          { field: 'quantity', ours: line.quantity, mahak: count, format: 'number' },
          count !== line.quantity,
        ),
      ],
    });
  }
  for (const row of lines.filter((r) => !used.has(r))) {
    out.push({
      key: `extra:${String(row.OrderDetailId)}`,
      kind: 'extra_line',
      lineIndex: null,
      label: String(row.ProductDetailId ?? ''),
      inMahak: true,
      fields: [
        field(
          {
            field: 'productDetailId',
            ours: null,
            mahak: Number(row.ProductDetailId ?? 0) || null,
            format: 'id',
          },
          true,
        ),
        field({ field: 'unitPrice', ours: null, mahak: toRial(row.Price, o), format: 'money' }, true),
        field(
          {
            field: 'quantity',
            ours: null,
            mahak: row.Count1 === undefined ? null : Number(row.Count1),
            format: 'number',
          },
          true,
        ),
      ],
    });
  }
  return out;
}

/** A new customer Mahak refused: our person beside the person group Mahak has (or not). */
function comparePerson(p: PushPersonPayload, bag: Bag, o: SuggestOptions): ComparedRecord {
  const wanted = p.personGroupId ?? o.personGroupId ?? null;
  const groups = rows(bag, 'PersonGroups');
  const group = groups?.find((g) => Number(g.PersonGroupId) === wanted);
  const fields: ComparedField[] = [
    field({ field: 'name', ours: `${p.firstName} ${p.lastName}`, mahak: null, format: 'text' }, false),
    field({ field: 'mobile', ours: p.mobile, mahak: null, format: 'text' }, false),
  ];
  if (groups) {
    const exists = live(group);
    fields.push(
      field({ field: 'personGroup', ours: wanted, mahak: exists ? wanted : null, format: 'id' }, !exists),
    );
  }
  return {
    key: 'person',
    kind: 'person',
    lineIndex: null,
    label: `${p.firstName} ${p.lastName}`,
    inMahak: false,
    fields,
  };
}
