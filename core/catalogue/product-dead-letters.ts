import type { SqlExecutor } from '../store/sql-db.js';
import { readJson } from '../store/sql-values.js';

/** The newest dead letters looked at per product detail: plenty for a shop, and the query stays cheap. */
const scanned = 500;

/** Pulled catalogue entities whose quarantined records name a ProductId. */
const productKinds = ['Products', 'ProductDetails'];

/**
 * Dead letters that touch one product: quarantined pull records of it or of its variants, and
 * pictures of it the download gave up on. Payloads are JSON, searched here rather than in SQL (both
 * dialects alike, and only among the newest few hundred letters of those sources).
 */
export async function productDeadLetters(
  db: SqlExecutor,
  productId: number,
  pictureIds: ReadonlySet<number>,
): Promise<{ id: number; source: string; kind: string; reason: string; createdAt: string }[]> {
  const rows = await db.query<{
    id: number;
    source: string;
    kind: string;
    reason: string;
    payload: unknown;
    created_at: number;
  }>(
    "SELECT id, source, kind, reason, payload, created_at FROM dead_letters WHERE source IN ('pull', 'pictures') " +
      'ORDER BY id DESC LIMIT ?',
    [scanned],
  );
  return rows
    .filter((r) => touches(r.source, r.kind, readJson(r.payload), productId, pictureIds))
    .map((r) => ({
      id: Number(r.id),
      source: r.source,
      kind: r.kind,
      reason: r.reason,
      createdAt: new Date(Number(r.created_at)).toISOString(),
    }));
}

function touches(
  source: string,
  kind: string,
  payload: unknown,
  productId: number,
  pictureIds: ReadonlySet<number>,
): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  // Quarantined records were invalid: read the key case-insensitively, the number loosely.
  const field = (name: string) =>
    Number(Object.entries(payload).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]);
  if (source === 'pictures') return pictureIds.has(field('pictureId'));
  return productKinds.includes(kind) && field('ProductId') === productId;
}
