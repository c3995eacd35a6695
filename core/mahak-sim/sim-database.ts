import { BaseCatalogue, type CatalogueOptions } from './catalogue-generator.js';
import { EntityTable } from './entity-table.js';
import { RelationIndex } from './sim-relations.js';
import { entityDefs, entityNames, type EntityName } from './sim-entities.js';
import { nowWireDate, type SimRow } from './sim-row.js';
import { completeNewRow } from './sim-swagger-rows.js';

export interface LateCommit {
  /** ms epoch when the rows become visible; Infinity = until released by lateId. */
  visibleAt: number;
  lateId?: number;
}

/**
 * The simulator's "server database": one table per entity, one global RowVersion counter shared by all
 * entities (API.md §6: a SQL Server rowversion-like database-wide counter), client-id and code indexes.
 * Node runs one request handler at a time, so a transaction built synchronously is atomic by construction.
 */
export class SimDatabase {
  readonly catalogue: BaseCatalogue;
  readonly tables: Record<EntityName, EntityTable>;
  readonly relations = new RelationIndex();
  private nextRv: number;
  /** RowVersions other (unsynced) tables burn before each of our writes (SimSettings.rowVersionGap). */
  rowVersionGap = 0;
  private readonly clientIds = new Map<string, number>();
  private readonly codes = new Map<string, number>();

  constructor(options: CatalogueOptions) {
    this.catalogue = new BaseCatalogue(options);
    this.tables = Object.fromEntries(
      entityNames.map((n) => [n, new EntityTable(entityDefs[n], this.catalogue.sources[n])]),
    ) as Record<EntityName, EntityTable>;
    this.nextRv = this.catalogue.endRowVersion;
  }

  get visitorId(): number {
    return this.catalogue.options.visitorId;
  }

  /** Every insert, update and logical delete takes the next value; values are never reused. */
  takeRowVersion(): number {
    this.nextRv += this.rowVersionGap;
    return this.nextRv++;
  }

  /** The highest RowVersion handed out so far. */
  get lastRowVersion(): number {
    return this.nextRv - 1;
  }

  begin(): SimTx {
    return new SimTx(this);
  }

  /** Deliver late rows that are due (called before every read). */
  flush(now = Date.now(), releaseLateId?: number): void {
    for (const t of Object.values(this.tables)) if (t.hasPending) t.flush(now, releaseLateId);
  }

  clientIdKey = (entity: EntityName, visitorId: number, clientId: number): string =>
    `${entity}|${visitorId}|${clientId}`;

  findByClientId(entity: EntityName, visitorId: number, clientId: number): number | undefined {
    return this.clientIds.get(this.clientIdKey(entity, visitorId, clientId));
  }

  /** Code lookup: desktop-origin base rows by arithmetic (Code = Id + offset), later rows by index. */
  findByCode(entity: EntityName, code: number): number | undefined {
    const def = entityDefs[entity];
    if (!def.codeField) return undefined;
    const indexed = this.codes.get(`${entity}|${code}`);
    if (indexed !== undefined) return indexed;
    const id = code - def.codeOffset;
    const row = this.tables[entity].isBaseId(id) ? this.tables[entity].baseRow(id) : undefined;
    return row && row[def.codeField] === code ? id : undefined;
  }

  /** Make a transaction's writes durable (and, unless `late`, visible). Indexes register at once either way. */
  commitTx(tx: SimTx, late?: LateCommit): void {
    for (const [key, id] of tx.newClientIds) this.clientIds.set(key, id);
    for (const { entity, row } of tx.writes) {
      const def = entityDefs[entity];
      const code = def.codeField ? (row[def.codeField] as number | undefined) : undefined;
      if (code && !this.tables[entity].isBaseId(row[def.idField] as number))
        this.codes.set(`${entity}|${code}`, row[def.idField] as number);
      this.relations.index(entity, row, this.tables[entity]);
      this.tables[entity].write(row, late);
    }
  }
}

/** A unit of work: reads see its own writes; nothing is visible to others until `commit`. */
export class SimTx {
  readonly writes: { entity: EntityName; row: SimRow }[] = [];
  readonly newClientIds = new Map<string, number>();
  private readonly own = new Map<string, SimRow>();
  private done = false;

  constructor(private readonly db: SimDatabase) {}

  get(entity: EntityName, id: number): SimRow | undefined {
    return this.own.get(`${entity}|${id}`) ?? this.db.tables[entity].latest(id);
  }

  findByClientId(entity: EntityName, visitorId: number, clientId: number): number | undefined {
    return (
      this.newClientIds.get(this.db.clientIdKey(entity, visitorId, clientId)) ??
      this.db.findByClientId(entity, visitorId, clientId)
    );
  }

  findByCode(entity: EntityName, code: number): number | undefined {
    for (const { entity: e, row } of this.writes)
      if (e === entity && row[entityDefs[entity].codeField ?? ''] === code)
        return row[entityDefs[entity].idField] as number;
    return this.db.findByCode(entity, code);
  }

  /** A new row with a fresh server id; `clientOf` registers its (visitor, entity, ClientId) identity. */
  insert(
    entity: EntityName,
    fields: SimRow | ((id: number) => SimRow),
    clientOf?: { visitorId: number; clientId: number },
  ): SimRow {
    const def = entityDefs[entity];
    const id = this.db.tables[entity].allocateId();
    if (clientOf)
      this.newClientIds.set(this.db.clientIdKey(entity, clientOf.visitorId, clientOf.clientId), id);
    const f = completeNewRow(def, id, typeof fields === 'function' ? fields(id) : fields);
    return this.put(entity, {
      ...f,
      [def.idField]: id,
      Deleted: f.Deleted === true,
      CreateDate: f.CreateDate ?? nowWireDate(),
    });
  }

  /** A new version of an existing row (also a logical delete, or a bare "touch" that only bumps RowVersion). */
  update(entity: EntityName, id: number, patch: SimRow = {}): SimRow {
    const current = this.get(entity, id);
    if (!current) throw new Error(`sim: ${entity} ${id} does not exist`);
    return this.put(entity, { ...current, ...patch, [entityDefs[entity].idField]: id });
  }

  private put(entity: EntityName, row: SimRow): SimRow {
    const written: SimRow = { ...row, RowVersion: this.db.takeRowVersion() };
    this.own.set(`${entity}|${written[entityDefs[entity].idField] as number}`, written);
    this.writes.push({ entity, row: written });
    return written;
  }

  commit(late?: LateCommit): void {
    if (this.done) throw new Error('sim: transaction already finished');
    this.done = true;
    this.db.commitTx(this, late);
  }

  /** Throw the work away. RowVersions and ids it took stay burnt, as in a real database. */
  rollback(): void {
    this.done = true;
  }
}
