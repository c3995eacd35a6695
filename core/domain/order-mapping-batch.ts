import { pushPayloadSchema, type PushOutboxItem, type PushPayload } from '../contracts/orders.js';
import { personClientId } from './client-ids.js';
import {
  customerClientId,
  mapOrder,
  mapPerson,
  pushCollections,
  type MahakRecord,
  type MappedRecord,
  type PushCollection,
  type PushMappingConfig,
  type RecordRole,
} from './order-mapping.js';
import { PushProblemError, type PushProblem } from './order-mapping-values.js';

/** The SaveAllData body: collections in dependency order, unsent ones omitted (API.md §4.1). */
export type SaveAllDataBody = Partial<Record<PushCollection, MahakRecord[]>>;

/** Where a record sits in the body; results come back per collection by Index (API.md §4.3). */
export interface BatchSlot {
  collection: PushCollection;
  index: number;
  outboxId: string;
  role: RecordRole;
  clientId: number | null;
  lineIndex?: number;
}

export interface PushBatch {
  body: SaveAllDataBody;
  slots: BatchSlot[];
  outboxIds: string[];
}

export interface RejectedItem {
  outboxId: string;
  problem: PushProblem;
}

export interface BatchOptions {
  /** Records per request. An order is never split, so one oversized order gets a request of its own. */
  maxRecords: number;
  /** PersonClientId -> PersonId learned from earlier pushes. */
  knownPersonIds?: ReadonlyMap<number, number>;
}

interface Group {
  outboxIds: string[];
  personClientIds: number[];
  records: { outboxId: string; mapped: MappedRecord }[];
}

/**
 * Outbox items -> SaveAllData requests. A new customer's Person + VisitorPerson travel in the same
 * request as their order, referenced by PersonClientId ("solution 1" of API.md §4.1). Items that cannot
 * be mapped (corrupt payload, amount not convertible) are returned as rejected for the dead-letter store.
 */
export function buildPushBatches(
  items: readonly PushOutboxItem[],
  cfg: PushMappingConfig,
  options: BatchOptions,
): { batches: PushBatch[]; rejected: RejectedItem[] } {
  const rejected: RejectedItem[] = [];
  const mapped = new Map<string, { payload: PushPayload; records: MappedRecord[] }>();
  const lookup = (clientId: number) => options.knownPersonIds?.get(clientId);
  for (const item of items) {
    const result = mapItem(item, cfg, lookup);
    if ('problem' in result) rejected.push({ outboxId: item.outboxId, problem: result.problem });
    else mapped.set(item.outboxId, result);
  }
  const groups = groupItems(mapped, cfg);
  return { batches: packGroups(groups, options.maxRecords).map(buildBatch), rejected };
}

function mapItem(
  item: PushOutboxItem,
  cfg: PushMappingConfig,
  lookup: (clientId: number) => number | undefined,
): { payload: PushPayload; records: MappedRecord[] } | { problem: PushProblem } {
  const parsed = pushPayloadSchema.safeParse(item.payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return {
      problem: { code: 'VALIDATION_FAILED', message: 'outbox payload is not valid', details: { issues } },
    };
  }
  const payload = parsed.data;
  try {
    if (payload.kind === 'person') return { payload, records: mapPerson(payload, cfg) };
    const records = mapOrder(payload, cfg, lookup);
    return { payload, records: item.paymentFor ? paymentOnly(records, item.paymentFor) : records };
  } catch (e) {
    if (e instanceof PushProblemError) return { problem: e.problem };
    if (e instanceof RangeError) return { problem: { code: 'VALIDATION_FAILED', message: e.message } };
    throw e;
  }
}

/**
 * A partial save left the invoice in Mahak without its payment: only the Receipt and Cheque go, the
 * Receipt tied to the invoice by its server id (API.md §4.1 identity rules), never the order again.
 */
function paymentOnly(records: MappedRecord[], orderId: number): MappedRecord[] {
  return records
    .filter((r) => r.role === 'receipt' || r.role === 'cheque')
    .map((r) => {
      if (r.role !== 'receipt') return r;
      const { OrderClientId: _sentAsId, ...rest } = r.record;
      return { ...r, record: { ...rest, OrderId: orderId } };
    });
}

/** Orders in outbox order, each with its new customer's person item pulled in; then lone persons. */
function groupItems(
  mapped: Map<string, { payload: PushPayload; records: MappedRecord[] }>,
  cfg: PushMappingConfig,
) {
  const personItemByClientId = new Map<number, string>();
  for (const [outboxId, { payload }] of mapped) {
    if (payload.kind !== 'person') continue;
    const id = personClientId(cfg.generation, payload.personSeq);
    if (!personItemByClientId.has(id)) personItemByClientId.set(id, outboxId);
  }
  const placed = new Set<string>();
  const groups: Group[] = [];
  const take = (group: Group, outboxId: string) => {
    placed.add(outboxId);
    group.outboxIds.push(outboxId);
    const entry = mapped.get(outboxId)!;
    if (entry.payload.kind === 'person')
      group.personClientIds.push(personClientId(cfg.generation, entry.payload.personSeq));
    for (const m of entry.records) group.records.push({ outboxId, mapped: m });
  };
  for (const [outboxId, { payload }] of mapped) {
    if (payload.kind !== 'order') continue;
    const group: Group = { outboxIds: [], personClientIds: [], records: [] };
    const customer = customerClientId(payload, cfg);
    const personItem = customer === undefined ? undefined : personItemByClientId.get(customer);
    if (personItem && !placed.has(personItem)) take(group, personItem);
    take(group, outboxId);
    groups.push(group);
  }
  for (const outboxId of mapped.keys()) {
    if (placed.has(outboxId)) continue;
    const group: Group = { outboxIds: [], personClientIds: [], records: [] };
    take(group, outboxId);
    groups.push(group);
  }
  return groups;
}

/** Greedy packing under the record cap; a PersonClientId appears at most once per request. */
function packGroups(groups: Group[], maxRecords: number): Group[][] {
  const batches: Group[][] = [];
  let current: Group[] = [];
  let size = 0;
  let persons = new Set<number>();
  for (const g of groups) {
    const full = size + g.records.length > maxRecords;
    const clash = g.personClientIds.some((id) => persons.has(id));
    if (current.length > 0 && (full || clash)) {
      batches.push(current);
      current = [];
      size = 0;
      persons = new Set();
    }
    current.push(g);
    size += g.records.length;
    g.personClientIds.forEach((id) => persons.add(id));
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function buildBatch(groups: Group[]): PushBatch {
  const body: SaveAllDataBody = {};
  const slots: BatchSlot[] = [];
  const all = groups.flatMap((g) => g.records);
  for (const collection of pushCollections) {
    const inCollection = all.filter((r) => r.mapped.collection === collection);
    if (inCollection.length === 0) continue;
    body[collection] = inCollection.map((r) => r.mapped.record);
    inCollection.forEach(({ outboxId, mapped: m }, index) => {
      const slot: BatchSlot = { collection, index, outboxId, role: m.role, clientId: m.clientId };
      if (m.lineIndex !== undefined) slot.lineIndex = m.lineIndex;
      slots.push(slot);
    });
  }
  return { body, slots, outboxIds: groups.flatMap((g) => g.outboxIds) };
}

/** The slot a result belongs to, by collection and Index. */
export function slotAt(batch: PushBatch, collection: PushCollection, index: number): BatchSlot | undefined {
  return batch.slots.find((s) => s.collection === collection && s.index === index);
}
