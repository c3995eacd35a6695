import { chunkPage } from './pull-paging.js';
import type { ReadPage } from './pull-reader.js';

export interface OutPage {
  rows: Record<string, unknown>[];
  checkpoint: number;
}

/**
 * Holds back each entity's last page until the next response for it has been read. An entity ends
 * with a response that only re-reads the rows at the previous page's highest RowVersion (pull-paging:
 * a short page is not trusted to be the last); those rows join the held page instead of travelling
 * again as a page of their own, and the held page leaves with the final checkpoint. One page per
 * entity is held at a time, so memory stays flat.
 */
export class PageBuffer {
  private readonly held = new Map<string, OutPage>();

  constructor(
    private readonly pageSize: number,
    private readonly idOf: (collection: string, row: Record<string, unknown>) => unknown,
  ) {}

  /** The pages to publish now, in order. */
  take(page: ReadPage): OutPage[] {
    const held = this.held.get(page.collection);
    this.held.delete(page.collection);
    if (page.after.done) {
      const rows = held ? merged(held.rows, page.rows, (r) => this.idOf(page.collection, r)) : page.rows;
      return chunkPage(rows, this.pageSize, page.after.checkpoint);
    }
    const chunks = chunkPage(page.rows, this.pageSize, page.after.checkpoint);
    const last = chunks.pop();
    if (last) this.held.set(page.collection, last);
    return [...(held ? [held] : []), ...chunks];
  }

  /** Whatever is still held (a read that ended without a final response, e.g. on an error). */
  drain(): [string, OutPage][] {
    const all = [...this.held];
    this.held.clear();
    return all;
  }
}

/** The held rows plus the re-read ones not among them (same id and RowVersion), ascending. */
function merged(
  held: Record<string, unknown>[],
  more: Record<string, unknown>[],
  idOf: (row: Record<string, unknown>) => unknown,
): Record<string, unknown>[] {
  const key = (r: Record<string, unknown>) => `${String(idOf(r))}|${String(r.RowVersion)}`;
  const seen = new Set(held.map(key));
  const fresh = more.filter((r) => !seen.has(key(r)));
  if (fresh.length === 0) return held;
  return [...held, ...fresh].sort((a, b) => Number(a.RowVersion) - Number(b.RowVersion));
}
