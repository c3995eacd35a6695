/**
 * The JSON text a wire record was parsed from, kept on the record where no reader of its fields sees
 * it, so the store can write it as the record's `raw` column instead of serialising the record again:
 * `JSON.stringify` of every pulled record was 1.3 s of a 100,000-product pull's 27 s
 * (docs/benchmarks.md).
 *
 * Only a record parsed from exactly that text has one (core/mahak/json-body.ts), and only while it is
 * that same object: canonicalising keys or a schema's coercion makes a new object, which has none and
 * is serialised as before. So records are never changed in place after parsing: nothing does today,
 * and nothing may (`raw` would keep the old text). The text is equal JSON, not always equal bytes
 * (Mahak may write 1.0 where JSON.stringify writes 1); `raw` is only ever read by parsing it.
 */
const source = Symbol('hamgam.recordSource');

/**
 * A non-enumerable symbol property rather than a WeakMap: a WeakMap entry per pulled record cost about
 * twice as much to set, and the collector walks every entry of a weak table on each major GC. Being
 * non-enumerable and a symbol, spread, Object.assign, JSON.stringify and structuredClone all leave it
 * behind, so a copy of the record never carries the text of the original.
 */
export function rememberSource(record: object, text: string): void {
  Object.defineProperty(record, source, { value: text });
}

export function sourceTextOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, source)
    ? (value as { [source]: string })[source]
    : undefined;
}
