import type { BaseSource } from './catalogue-generator.js';
import type { EntityDef } from './sim-entities.js';
import type { SimRow } from './sim-row.js';
import { missingSwaggerFields } from './sim-swagger-rows.js';

/** A written version that is not delivered yet: the "late commit" of a long transaction (ARCHITECTURE invariant 1). */
interface Pending {
  row: SimRow;
  visibleAt: number;
  lateId?: number;
}

interface Entry {
  /** The version GetAllData delivers; undefined while only a late version exists (then the base row shows). */
  current?: SimRow;
  pending: Pending[];
}

/**
 * One entity's rows: the procedural base catalogue plus an in-memory overlay of changed and new rows.
 * An overlay version supersedes the base row with the same id. Every overlay RowVersion is above every base
 * RowVersion (the counter starts after the base blocks), so a page is "base rows after the cursor, then overlay
 * rows after the cursor", both ascending.
 */
export class EntityTable {
  private readonly entries = new Map<number, Entry>();
  /** Overlay (rv, id) pairs sorted by rv; a pair is stale once its id has a newer current version. */
  private rvs: number[] = [];
  private ids: number[] = [];
  private stale = 0;
  private nextNewId: number;
  private readonly pendingIds = new Set<number>();
  /** Rows gone without a tombstone (vanish): GetAllData no longer returns them at any cursor. */
  private readonly vanished = new Set<number>();

  private readonly base: BaseSource;

  constructor(
    readonly def: EntityDef,
    base: BaseSource,
  ) {
    this.base = withSwaggerShape(def, base);
    this.nextNewId = base.count + base.idOffset + 1;
  }

  get baseCount(): number {
    return this.base.count;
  }

  /** Rows ever created (base + new ids handed out, rolled-back ones included). */
  get size(): number {
    return this.nextNewId - 1 - this.base.idOffset;
  }

  isBaseId(id: number): boolean {
    const i = id - 1 - this.base.idOffset;
    return Number.isInteger(i) && i >= 0 && i < this.base.count;
  }

  /** True when the row has a delivered overlay version (it no longer equals its generated base row). */
  isOverlaid(id: number): boolean {
    return this.entries.get(id)?.current !== undefined;
  }

  get overlaySize(): number {
    return this.entries.size;
  }

  get hasPending(): boolean {
    return this.pendingIds.size > 0;
  }

  /** Server ids are never reused, even when the transaction that took one is rolled back. */
  allocateId(): number {
    return this.nextNewId++;
  }

  baseRow(id: number): SimRow | undefined {
    return this.isBaseId(id) ? this.base.rowAt(id - 1 - this.base.idOffset) : undefined;
  }

  /** The version a client can see now. */
  visible(id: number): SimRow | undefined {
    if (this.vanished.has(id)) return undefined;
    return this.entries.get(id)?.current ?? this.baseRow(id);
  }

  /**
   * The row disappears without a Deleted version: a DELETE in SQL, or a row leaving the visitor's view
   * with no RowVersion of its own moving. Whether real Mahak ever does this is unknown (API.md only
   * documents the logical `Deleted`); the scheduled reconciliation must cope if it does.
   */
  vanish(id: number): void {
    this.vanished.add(id);
  }

  /** The vanished row is served again, as it was. */
  unvanish(id: number): void {
    this.vanished.delete(id);
  }

  /** The newest written version, late ones included: what business rules and uniqueness checks see. */
  latest(id: number): SimRow | undefined {
    const e = this.entries.get(id);
    if (e && e.pending.length > 0) return e.pending[e.pending.length - 1].row;
    return e?.current ?? this.baseRow(id);
  }

  /** Store a version; with `late` it stays invisible until `visibleAt` (ms epoch, Infinity = until released). */
  write(row: SimRow, late?: { visibleAt: number; lateId?: number }): void {
    const id = row[this.def.idField] as number;
    const e = this.entries.get(id) ?? { pending: [] };
    this.entries.set(id, e);
    if (!late) {
      this.makeVisible(id, e, row);
      return;
    }
    e.pending.push({ row, visibleAt: late.visibleAt, lateId: late.lateId });
    this.pendingIds.add(id);
  }

  /** Deliver late versions whose time has come (or that were released by id). */
  flush(now: number, releaseLateId?: number): void {
    for (const id of [...this.pendingIds]) {
      const e = this.entries.get(id)!;
      const keep: Pending[] = [];
      for (const p of e.pending) {
        const due =
          p.visibleAt <= now ||
          (releaseLateId !== undefined && (releaseLateId < 0 || p.lateId === releaseLateId));
        if (due) this.makeVisible(id, e, p.row);
        else keep.push(p);
      }
      e.pending = keep;
      if (keep.length === 0) this.pendingIds.delete(id);
    }
  }

  private makeVisible(id: number, e: Entry, row: SimRow): void {
    const rv = row.RowVersion as number;
    // A late version overtaken by a newer write is simply superseded (the newer one is what the row holds).
    if (e.current && (e.current.RowVersion as number) >= rv) return;
    if (e.current) this.stale++;
    e.current = row;
    const last = this.rvs.length - 1;
    if (last < 0 || this.rvs[last] < rv) {
      this.rvs.push(rv);
      this.ids.push(id);
    } else {
      const at = lowerBound(this.rvs, rv);
      this.rvs.splice(at, 0, rv);
      this.ids.splice(at, 0, id);
    }
    if (this.stale > 1024 && this.stale > this.entries.size) this.compact();
  }

  private compact(): void {
    const rvs: number[] = [];
    const ids: number[] = [];
    for (let k = 0; k < this.rvs.length; k++) {
      if (this.entries.get(this.ids[k])?.current?.RowVersion === this.rvs[k]) {
        rvs.push(this.rvs[k]);
        ids.push(this.ids[k]);
      }
    }
    this.rvs = rvs;
    this.ids = ids;
    this.stale = 0;
  }

  /** Visible rows with RowVersion > cursor, ascending, at most `limit` accepted ones. */
  page(cursor: number, limit: number, accept: (row: SimRow) => boolean): SimRow[] {
    const out: SimRow[] = [];
    const b = this.base;
    for (let i = Math.max(0, Math.floor(cursor - b.rvStart + 1)); i < b.count && out.length < limit; i++) {
      const id = i + 1 + b.idOffset;
      if (this.entries.get(id)?.current || this.vanished.has(id)) continue;
      const row = b.rowAt(i);
      if (accept(row)) out.push(row);
    }
    for (
      let k = lowerBound(this.rvs, Math.floor(cursor) + 1);
      k < this.rvs.length && out.length < limit;
      k++
    ) {
      const cur = this.entries.get(this.ids[k])?.current;
      if (!cur || cur.RowVersion !== this.rvs[k] || this.vanished.has(this.ids[k])) continue;
      if (accept(cur)) out.push(cur);
    }
    return out;
  }

  /** Latest versions of every overlay row (changed or new), late ones included. */
  *overlayRows(): Generator<SimRow> {
    for (const id of this.entries.keys()) yield this.latest(id)!;
  }
}

/** First index whose value is >= x. */
function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Generated rows all have one shape: the Swagger fields the generator does not produce (a later
 * spec's ConsumerPrice1..10, say) are found once and added to every row with their neutral values.
 */
function withSwaggerShape(def: EntityDef, base: BaseSource): BaseSource {
  if (base.count === 0) return base;
  const missing = missingSwaggerFields(def.name, base.rowAt(0));
  if (Object.keys(missing).length === 0) return base;
  return {
    count: base.count,
    rvStart: base.rvStart,
    idOffset: base.idOffset,
    // In place: rowAt builds a fresh object per call, and a second copy per served row was a large
    // part of GetAllData's allocation (issue 9). Key order is the same as a spread: generated, then missing.
    rowAt: (i) => Object.assign(base.rowAt(i), missing),
  };
}
