import type {
  CatalogueDetail,
  CatalogueList,
  CatalogueListQuery,
  CategoryOptionList,
  WebFieldsPatch,
} from '../contracts/admin-catalogue.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb, SqlExecutor } from '../store/sql-db.js';
import { catalogueDetail } from './catalogue-detail.js';
import { listCatalogue } from './catalogue-list.js';
import { saveWebFields } from './web-fields.js';

export interface CatalogueServiceDeps {
  db: SqlDb;
  /** The shop's sell price level (1..10) and stock store (undefined = all stores). */
  priceLevel: number;
  storeId: number | undefined;
  logger: Logger;
  now?: () => number;
}

/** The desk's catalogue: every product with its sync state, and the shop's own (web-only) fields. */
export class CatalogueService {
  private readonly now: () => number;

  constructor(private readonly deps: CatalogueServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async list(query: CatalogueListQuery): Promise<CatalogueList> {
    const page = await listCatalogue(this.deps.db, query, this.options());
    return { ...page, lastPulledAt: await lastPulledAt(this.deps.db) };
  }

  async get(id: number): Promise<CatalogueDetail> {
    const detail = await catalogueDetail(this.deps.db, id, this.options());
    return { ...detail, lastPulledAt: await lastPulledAt(this.deps.db) };
  }

  /** Edits the web-only fields (audited); answers with the product as it now stands. */
  async updateWebFields(id: number, patch: WebFieldsPatch, actor: { id: string }): Promise<CatalogueDetail> {
    const changed = await saveWebFields(this.deps.db, id, patch, actor, this.now());
    if (changed)
      this.deps.logger.info({ productId: id, by: actor.id, fields: Object.keys(patch) }, 'web fields edited');
    return this.get(id);
  }

  async categories(): Promise<CategoryOptionList> {
    const rows = await this.deps.db.query<{ id: number; name: string | null }>(
      'SELECT id, name FROM categories WHERE deleted_at IS NULL ORDER BY name, id',
    );
    return { items: rows.map((r) => ({ id: Number(r.id), name: r.name ?? `#${r.id}` })) };
  }

  private options() {
    return { priceLevel: this.deps.priceLevel, storeId: this.deps.storeId, now: this.now() };
  }
}

/** When the last pull finished well; the store keeps no per-row pull time (the upsert writes Mahak's columns only). */
export async function lastPulledAt(db: SqlExecutor): Promise<string | null> {
  const [row] = await db.query<{ t: number | null }>(
    "SELECT MAX(finished_at) AS t FROM sync_runs WHERE kind = 'pull' AND status = 'ok'",
  );
  return row?.t === null || row?.t === undefined ? null : new Date(Number(row.t)).toISOString();
}
