import { SimAuth } from './sim-auth.js';
import { SimDatabase } from './sim-database.js';
import { FaultEngine } from './sim-faults.js';
import { honestPaging, type PagingQuirks } from './sim-paging-quirks.js';
import { PictureStore } from './sim-pictures.js';

/** Behaviour switches staff (or tests) can flip at run time through the control API. */
export interface SimSettings extends PagingQuirks {
  /** Mahak's "allow negative stock" option: when false a sales-invoice line above the store's stock is refused. */
  negativeStockAllowed: boolean;
  /** Refuse a line whose Price differs from the detail's price at the customer's price level. */
  strictPrices: boolean;
  /**
   * Request-level atomicity of SaveAllData: when any record fails, nothing of the request is committed and
   * every valid record answers Result false with a "not saved because of other records" error. Mahak's real
   * behaviour is unknown (API.md §4.3); all-or-nothing is the safe reading, because an order must never be
   * committed without its lines or a receipt without its order. `false` commits the valid records (and
   * fails those that depend on a failed record).
   */
  atomicSave: boolean;
  /** Rows per entity when GetAllData has no pageSize. */
  defaultPageLimit: number;
  /**
   * A busy database-wide counter: every write first burns this many RowVersions, as the desktop's writes
   * to tables we never see do (API.md §6), so a window counted in RowVersions catches nothing.
   */
  rowVersionGap: number;
  /**
   * What a re-sent ClientId does. `refuse` (default): Orders/Receipts/Cheques answer "already registered"
   * on `<X>Id` (API.md §4.2, seen once for Orders) and People update the person they name. `accept`:
   * it is stored again as a NEW row — a second invoice, a second person — as a Mahak that does not check
   * ClientIds would do; the push must never rest on the refusal.
   */
  repeatedClientIds: 'refuse' | 'accept';
  /**
   * Every Receipt is refused (on `CashAmount`, as a cash box or bank rule might): with `atomicSave:false`
   * this is the partial save "order kept, payment refused" (API.md §4.3: partial commits unknown).
   */
  refusePayments: boolean;
  /**
   * Every Order is refused by an application error with no Property (a business rule Mahak does not
   * name): Result:false for the invoice, nothing of it saved. The push must take Mahak's word after one
   * read-back instead of waiting out its confirm window (issue 8 follow-up).
   */
  refuseOrders: boolean;
}

export const defaultSettings: SimSettings = {
  negativeStockAllowed: false,
  strictPrices: false,
  atomicSave: true,
  defaultPageLimit: 50_000,
  rowVersionGap: 0,
  repeatedClientIds: 'refuse',
  refusePayments: false,
  refuseOrders: false,
  ...honestPaging,
};

export interface SimEngineOptions {
  seed: number;
  products: number;
  people?: number;
  user: string;
  password: string;
  databaseId: number;
  visitorId: number;
  userTitle: string;
  tokenTtlMs?: number;
}

export interface SimStats {
  requests: Record<string, number>;
  status: Record<string, number>;
  savedRecords: number;
  rejectedRecords: number;
  phantomSaves: number;
}

/** Everything the simulated server holds: the database, accounts, faults, pictures, settings, counters. */
export class SimEngine {
  readonly db: SimDatabase;
  readonly auth: SimAuth;
  readonly faults: FaultEngine;
  readonly pictures: PictureStore;
  readonly settings: SimSettings = { ...defaultSettings };
  readonly stats: SimStats = {
    requests: {},
    status: {},
    savedRecords: 0,
    rejectedRecords: 0,
    phantomSaves: 0,
  };
  /** Ids of rows written through SaveAllData/Upload, per collection: the books a referee reads. */
  readonly clientRows: Record<string, Set<number>> = {};
  private nextLateId = 1;

  constructor(readonly options: SimEngineOptions) {
    this.db = new SimDatabase({
      seed: options.seed,
      products: options.products,
      people: options.people,
      visitorId: options.visitorId,
      visitorTitle: options.userTitle,
      userName: options.user,
    });
    this.auth = new SimAuth(
      {
        user: options.user,
        password: options.password,
        databaseId: options.databaseId,
        visitorId: options.visitorId,
        userTitle: options.userTitle,
      },
      options.tokenTtlMs,
    );
    this.faults = new FaultEngine(options.seed);
    this.pictures = new PictureStore(this.db);
  }

  /** Settings the database itself reads. */
  applySettings(): void {
    this.db.rowVersionGap = this.settings.rowVersionGap;
  }

  noteClientRow(collection: string, id: number): void {
    (this.clientRows[collection] ??= new Set()).add(id);
  }

  takeLateId(): number {
    return this.nextLateId++;
  }

  count(operation: string, status?: number): void {
    this.stats.requests[operation] = (this.stats.requests[operation] ?? 0) + 1;
    if (status !== undefined) this.stats.status[status] = (this.stats.status[status] ?? 0) + 1;
  }
}
