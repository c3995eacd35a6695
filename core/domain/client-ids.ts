/**
 * Stable int64 ClientIds for records Hamgam creates in Mahak (ARCHITECTURE.md invariant 5, API.md §3.3).
 *
 * Layout, decimal, at most 16 digits so every id stays below 2^53 (9_007_199_254_740_991) and survives
 * JSON and JavaScript numbers exactly:
 *
 *     K GG BBBBBBBBBBBBB
 *     |  |  `- body, 13 digits: what the kind encodes (below)
 *     |  `---- generation 00-99: a value stored once per store database
 *     `------- kind 1-8 (9 would pass 2^53)
 *
 *   person        body = personSeq
 *   order         body = orderSeq
 *   receipt       body = orderSeq * 100 + revision
 *   cheque        body = orderSeq * 100 + revision
 *   order detail  body = (orderSeq * 100 + revision) * 1000 + lineIndex
 *
 * Sequences come from the database (one per kind: persons, orders), start at 1 and are never handed
 * out twice. The kind digit keeps kinds apart; the generation keeps a rebuilt database from reusing
 * ids of an earlier one against the same Mahak visitor (Mahak would answer "already registered" and
 * we would wrongly take a new order for an old one). `nextSafeGeneration` picks it from the ClientIds
 * Mahak already holds.
 *
 * The OrderClientId never changes for an order, so a resend is always recognised. Its children carry
 * the revision, bumped on every resend or edit: Mahak may reject ClientIds it has seen before
 * (API.md §4.2, S4 skips 500 ids after a failure), and a child of a rejected attempt may or may not
 * have been stored.
 */

export const clientIdKinds = {
  person: 1,
  order: 2,
  orderDetail: 3,
  receipt: 4,
  cheque: 5,
} as const;
export type ClientIdKind = keyof typeof clientIdKinds;

const KIND_UNIT = 10 ** 15;
const GENERATION_UNIT = 10 ** 13;
export const MAX_SEQUENCE = 99_999_999; // orderSeq * 10^5 must fit in the 13-digit body
export const MAX_REVISION = 99;
export const MAX_LINE_INDEX = 999;
export const MAX_GENERATION = 99;

/** For the allocator in storage: a sequence value this scheme can encode. */
export const isValidSequence = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_SEQUENCE;

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`client id ${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

function compose(kind: ClientIdKind, generation: number, body: number): number {
  checkRange('generation', generation, 0, MAX_GENERATION);
  return clientIdKinds[kind] * KIND_UNIT + generation * GENERATION_UNIT + body;
}

export function personClientId(generation: number, personSeq: number): number {
  checkRange('sequence', personSeq, 1, MAX_SEQUENCE);
  return compose('person', generation, personSeq);
}

export function orderClientId(generation: number, orderSeq: number): number {
  checkRange('sequence', orderSeq, 1, MAX_SEQUENCE);
  return compose('order', generation, orderSeq);
}

function attemptBody(orderSeq: number, revision: number): number {
  checkRange('sequence', orderSeq, 1, MAX_SEQUENCE);
  checkRange('revision', revision, 0, MAX_REVISION);
  return orderSeq * 100 + revision;
}

export function receiptClientId(generation: number, orderSeq: number, revision: number): number {
  return compose('receipt', generation, attemptBody(orderSeq, revision));
}

export function chequeClientId(generation: number, orderSeq: number, revision: number): number {
  return compose('cheque', generation, attemptBody(orderSeq, revision));
}

export function orderDetailClientId(
  generation: number,
  orderSeq: number,
  revision: number,
  lineIndex: number,
): number {
  checkRange('line index', lineIndex, 0, MAX_LINE_INDEX);
  return compose('orderDetail', generation, attemptBody(orderSeq, revision) * 1000 + lineIndex);
}

/** All ids of one order attempt. */
export interface OrderClientIds {
  order: number;
  details: number[];
  receipt: number;
  cheque: number;
}

export function orderClientIds(
  generation: number,
  orderSeq: number,
  revision: number,
  lineCount: number,
): OrderClientIds {
  return {
    order: orderClientId(generation, orderSeq),
    details: Array.from({ length: lineCount }, (_, i) =>
      orderDetailClientId(generation, orderSeq, revision, i),
    ),
    receipt: receiptClientId(generation, orderSeq, revision),
    cheque: chequeClientId(generation, orderSeq, revision),
  };
}

export interface ParsedClientId {
  kind: ClientIdKind;
  generation: number;
  sequence: number;
  revision?: number;
  lineIndex?: number;
}

/** Reads an id back; undefined for ids not made by this scheme (e.g. another client's). */
export function parseClientId(id: number): ParsedClientId | undefined {
  if (!Number.isSafeInteger(id) || id < KIND_UNIT) return undefined;
  const kindDigit = Math.floor(id / KIND_UNIT);
  const kind = (Object.keys(clientIdKinds) as ClientIdKind[]).find((k) => clientIdKinds[k] === kindDigit);
  if (!kind) return undefined;
  const generation = Math.floor((id % KIND_UNIT) / GENERATION_UNIT);
  let body = id % GENERATION_UNIT;
  let lineIndex: number | undefined;
  if (kind === 'orderDetail') {
    lineIndex = body % 1000;
    body = Math.floor(body / 1000);
  }
  if (kind === 'person' || kind === 'order') {
    return body >= 1 && body <= MAX_SEQUENCE ? { kind, generation, sequence: body } : undefined;
  }
  const sequence = Math.floor(body / 100);
  if (sequence < 1 || sequence > MAX_SEQUENCE) return undefined;
  return {
    kind,
    generation,
    sequence,
    revision: body % 100,
    ...(lineIndex === undefined ? {} : { lineIndex }),
  };
}

/**
 * The generation for a new store database: one above every generation found among ClientIds Mahak
 * already holds for our visitor (read back from Orders and People), 0 when there are none.
 * Undefined when all 100 generations are used: the operator must then use a new visitor.
 */
export function nextSafeGeneration(seenClientIds: Iterable<number>): number | undefined {
  let highest = -1;
  for (const id of seenClientIds) {
    const parsed = parseClientId(id);
    if (parsed) highest = Math.max(highest, parsed.generation);
  }
  return highest + 1 <= MAX_GENERATION ? highest + 1 : undefined;
}
