import fc from 'fast-check';

/** The parts of an OpenAPI (3.0) schema the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
}

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  body?: JsonSchema;
}

/** What attackers and broken clients put in text: injection, traversal, control and bidi characters. */
const hostileStrings = [
  "' OR '1'='1",
  '1; DROP TABLE products; --',
  '1 UNION SELECT password_hash FROM staff_accounts',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u202e\u202e',
  '\u200c\u200d\u200b',
  '\u001b[31mred\u001b[0m',
  '\ud800',
  '﷽'.repeat(50),
  'ي'.repeat(5000),
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '-1',
  '1e309',
  '0x7fffffffffffffff',
  '99999999999999999999999999',
  'null',
  '[]',
  '{"$gt":""}',
  ' ',
];

const text = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);

/** A path parameter: never a plain valid id, so no hostile request can reach a real record's action. */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...hostileStrings.filter((s) => s.trim() !== '' && !/^-?\d+$/.test(s))).map(encode),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => encode(`${s}'`)),
  fc.constant('x'.repeat(300)),
  // Sent as they are: broken percent-escapes and an encoded NUL and slash.
  fc.constantFrom('%ZZ', '%E0%A4%A', '%00', '..%2F..%2F', '%ED%A0%80'),
);

/** Percent-encoding that survives lone surrogates: they go out as the invalid UTF-8 of one. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(Buffer.from(value).toString())}%ED%A0%80`;
  }
}

/** Query strings: the declared names and some others, hostile values, repeated keys, broken escapes. */
export function hostileQuery(names: string[]): fc.Arbitrary<string | undefined> {
  const name = names.length > 0 ? fc.oneof(fc.constantFrom(...names), text) : text;
  const pair = fc.tuple(name, text).map(([k, v]) => `${encode(k)}=${encode(v)}`);
  return fc.oneof(
    fc.constant(undefined),
    fc.array(pair, { minLength: 1, maxLength: 4 }).map((p) => p.join('&')),
    fc.constantFrom('limit=%ZZ', 'cursor=%E0%A4%A', 'q=%00', 'limit=-1&limit=2', 'a[b][c][d][e][f]=1'),
  );
}

/** A value of a type other than the one the schema asks for. */
function wrongValue(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  const others: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.constant([]),
    fc.constant({ $gt: '' }),
    fc.constant(true),
    fc.constantFrom(1e308, -1, 0.5, Number.MAX_SAFE_INTEGER + 2),
    fc.constantFrom(...hostileStrings),
  ];
  // Keep only values that cannot be of the asked type (a string where a number is wanted, etc.).
  const keep = others.filter((_, i) => {
    if (type === 'string') return i !== 5;
    if (type === 'number' || type === 'integer') return i !== 4;
    if (type === 'boolean') return i !== 3;
    if (type === 'array') return i !== 1;
    if (type === 'object') return i !== 2;
    return i === 0 || i === 1; // unknown type: null and an empty array are wrong for almost anything
  });
  return fc.oneof(...keep);
}

/** An object shaped like the schema but with one property of the wrong type. */
function wrongTyped(schema: JsonSchema): fc.Arbitrary<unknown> {
  const props = Object.keys(schema.properties ?? {});
  if (props.length === 0) return fc.constant([1, 2, 3]);
  return fc.constantFrom(...props).chain((name) =>
    wrongValue(schema.properties?.[name]).map((bad) => {
      const body: Record<string, unknown> = {};
      for (const p of schema.required ?? []) body[p] = 'سلام';
      body[name] = bad;
      return body;
    }),
  );
}

/** Built as text: JSON.stringify itself would overflow the stack on this depth. */
const deeplyNested = `${'{"a":'.repeat(5000)}"ته"${'}'.repeat(5000)}`;
const huge = JSON.stringify({ big: 'ب'.repeat(2_000_000) });

/**
 * A body that cannot be valid: malformed JSON, the wrong JSON type, a property of the wrong type, a
 * huge or deeply nested document. Either a parsed `body` or the `raw` text.
 */
export function hostileBody(schema: JsonSchema): fc.Arbitrary<{ body?: unknown; raw?: string }> {
  return fc.oneof(
    fc
      .constantFrom('{', '{"a":', '[1,', 'nul', '{"a":1}}', '\u0000', '{"__proto__":{"admin":true}', '')
      .map((raw) => ({ raw })),
    fc.constantFrom(null, 42, 'رشته', [], true).map((body) => ({ raw: JSON.stringify(body) })),
    wrongTyped(schema).map((body) => ({ body })),
    fc.constant({ raw: huge }),
    fc.constant({ raw: deeplyNested }),
    fc.constant({ raw: '{"a":"\\ud800","b":"\\u0000\\u202e"}' }),
  );
}
