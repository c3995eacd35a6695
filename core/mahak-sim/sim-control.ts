import { HamgamError } from '../errors.js';
import type { SimEngine, SimSettings } from './sim-engine.js';
import type { DeskAction, DeskResult, NewPerson, NewProduct } from './sim-desk-actions.js';
import { runDeskAction } from './sim-desk-ops.js';
import { entityDefs, type EntityName } from './sim-entities.js';
import type { ActiveFault, FaultRule } from './sim-faults.js';
import type { SimTx } from './sim-database.js';
import type { SimRow } from './sim-row.js';
import { visibilityFilter } from './sim-visibility.js';

/** What a client saved through SaveAllData: the referee's view for exactly-once checks. */
export interface SimBooks {
  Orders: SimRow[];
  OrderDetails: SimRow[];
  Receipts: SimRow[];
  Cheques: SimRow[];
  People: SimRow[];
  VisitorPeople: SimRow[];
  Pictures: SimRow[];
}
export const bookCollections = [
  'Orders',
  'OrderDetails',
  'Receipts',
  'Cheques',
  'People',
  'VisitorPeople',
  'Pictures',
] as const;

/**
 * In-process control of a running simulator — the same operations as the HTTP `/__sim/` API. Acts like staff
 * at the Mahak desk (prices, stock, products, people), a referee (books, snapshots) and a chaos monkey (faults).
 */
export class SimControl {
  constructor(private readonly engine: SimEngine) {}

  /** Run a desk action and commit it at once. */
  apply(action: DeskAction): DeskResult {
    const tx = this.engine.db.begin();
    return this.run(tx, action, () => tx.commit());
  }

  /**
   * Run a desk action whose rows take their RowVersions now but become visible only later (after `ms`, or
   * when released): rows written meanwhile get higher RowVersions, as with a long transaction.
   */
  late(action: DeskAction, options: { ms?: number } = {}): DeskResult & { lateId: number } {
    const lateId = this.engine.takeLateId();
    const tx = this.engine.db.begin();
    const visibleAt = options.ms === undefined ? Infinity : Date.now() + options.ms;
    return { ...this.run(tx, action, () => tx.commit({ visibleAt, lateId })), lateId };
  }

  /** A row disappears from every GetAllData without a Deleted version (entity-table.ts `vanish`). */
  vanish(entity: EntityName, id: number): void {
    this.engine.db.tables[entity].vanish(id);
  }

  unvanish(entity: EntityName, id: number): void {
    this.engine.db.tables[entity].unvanish(id);
  }

  /** Make late rows visible now: one late commit by id, or all of them. */
  releaseLate(lateId?: number): void {
    this.engine.db.flush(Date.now(), lateId ?? -1);
  }

  private run(tx: SimTx, action: DeskAction, commit: () => void): DeskResult {
    try {
      const out = runDeskAction(this.engine.db, tx, action);
      commit();
      const written = tx.writes.map(({ entity, row }) => ({
        entity,
        id: row[entityDefs[entity].idField] as number,
        rowVersion: row.RowVersion as number,
        deleted: row.Deleted === true,
      }));
      return { ...out, written };
    } catch (e) {
      tx.rollback();
      throw e;
    }
  }

  setPrices = (detailId: number, prices: Record<string, number>) =>
    this.apply({ op: 'setPrices', detailId, prices });
  setStock = (detailId: number, storeId: number, count1: number, count2?: number) =>
    this.apply({ op: 'setStock', detailId, storeId, count1, count2 });
  addProduct = (product: NewProduct) => this.apply({ op: 'addProduct', product });
  updateProduct = (productId: number, patch: Record<string, unknown>) =>
    this.apply({ op: 'updateProduct', productId, patch });
  deleteProduct = (productId: number) => this.apply({ op: 'deleteProduct', productId });
  restoreProduct = (productId: number) => this.apply({ op: 'restoreProduct', productId });
  unassignDetail = (detailId: number) => this.apply({ op: 'unassignDetail', detailId });
  assignDetail = (detailId: number) => this.apply({ op: 'assignDetail', detailId });
  addPerson = (person: NewPerson) => this.apply({ op: 'addPerson', person });
  updatePerson = (personId: number, patch: Record<string, unknown>) =>
    this.apply({ op: 'updatePerson', personId, patch });
  deletePerson = (personId: number) => this.apply({ op: 'deletePerson', personId });
  unassignPerson = (personId: number) => this.apply({ op: 'unassignPerson', personId });
  replacePicture = (pictureId: number) => this.apply({ op: 'replacePicture', pictureId });
  addPicture = (productId: number) => this.apply({ op: 'addPicture', productId });
  deletePicture = (pictureId: number) => this.apply({ op: 'deletePicture', pictureId });
  touch = (entity: EntityName, id: number) => this.apply({ op: 'touch', entity, id });

  /**
   * Every current row of an entity, deleted ones included, ascending by RowVersion: by default exactly what
   * a full GetAllData (cursor 0) gives the visitor; `all` ignores visibility (un-assigned goods too).
   */
  snapshot(entity: EntityName, options: { all?: boolean } = {}): SimRow[] {
    const db = this.engine.db;
    db.flush();
    const accept = options.all ? () => true : visibilityFilter(db, entity, { visitorId: db.visitorId });
    return db.tables[entity].page(0, Number.POSITIVE_INFINITY, accept);
  }

  /** The newest version of one row (late, not yet visible versions included). */
  row(entity: EntityName, id: number): SimRow | undefined {
    return this.engine.db.tables[entity].latest(id);
  }

  books(): SimBooks {
    const out = {} as SimBooks;
    for (const c of bookCollections) {
      const ids = [...(this.engine.clientRows[c] ?? [])].sort((a, b) => a - b);
      out[c] = ids
        .map((id) => this.engine.db.tables[c].latest(id))
        .filter((r): r is SimRow => r !== undefined);
    }
    return out;
  }

  stats() {
    const { db, stats, faults, pictures } = this.engine;
    const entities = Object.fromEntries(
      Object.entries(db.tables).map(([n, t]) => [
        n,
        { base: t.baseCount, rows: t.size, overlay: t.overlaySize },
      ]),
    );
    return {
      lastRowVersion: db.lastRowVersion,
      ...structuredClone(stats),
      faultsFired: faults.totalFired,
      uploads: pictures.uploadCount,
      entities,
    };
  }

  info() {
    const { options, db } = this.engine;
    return {
      seed: options.seed,
      products: options.products,
      productDetails: db.catalogue.products.detailCount,
      stores: db.catalogue.storeCount,
      people: db.catalogue.peopleCount,
      user: options.user,
      databaseId: options.databaseId,
      visitorId: options.visitorId,
      lastRowVersion: db.lastRowVersion,
    };
  }

  settings(): SimSettings {
    return { ...this.engine.settings };
  }

  updateSettings(patch: Partial<SimSettings>): SimSettings {
    Object.assign(this.engine.settings, patch);
    this.engine.applySettings();
    return this.settings();
  }

  addFault(rule: FaultRule): ActiveFault {
    try {
      return this.engine.faults.add(rule);
    } catch (e) {
      throw new HamgamError('VALIDATION_FAILED', (e as Error).message);
    }
  }
  faults = (): ActiveFault[] => this.engine.faults.list();
  removeFault = (id: number): boolean => this.engine.faults.remove(id);
  clearFaults = (): void => this.engine.faults.clear();
  /** Invalidate every token issued so far: the next call with an old token gets 401. */
  expireTokens = (): void => this.engine.auth.expireAll();
}
