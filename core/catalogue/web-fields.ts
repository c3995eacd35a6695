import {
  normaliseSlug,
  slugProblem,
  WEB_DESCRIPTION_MAX,
  type ProductVisibility,
  type WebFieldsPatch,
} from '../contracts/admin-catalogue.js';
import { HamgamError } from '../errors.js';
import { writeAudit } from '../push/audit-repo.js';
import type { SqlDb, SqlExecutor } from '../store/sql-db.js';

/** The shop's own fields of a product as stored (product_web, migration 009). */
export interface WebFields {
  description: string | null;
  visibility: ProductVisibility;
  featured: boolean;
  slug: string | null;
}

const defaults: WebFields = { description: null, visibility: 'visible', featured: false, slug: null };

// C0/C1 controls except tab and line feed, and lone surrogates: nothing a clerk types on purpose.
function hasBadCharacters(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff))
      return true;
  }
  return false;
}

/** NFC and trimmed; '' means "no description of our own" (Mahak's is shown again). */
export function cleanDescription(text: string | null): string | null {
  if (text === null) return null;
  const clean = text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (clean === '') return null;
  if ([...clean].length > WEB_DESCRIPTION_MAX || hasBadCharacters(clean)) {
    throw new HamgamError(
      'PRODUCT_DESCRIPTION_INVALID',
      'The description is too long or has control characters',
      {
        field: 'description',
        max: WEB_DESCRIPTION_MAX,
        length: [...clean].length,
      },
    );
  }
  return clean;
}

/** The slug as stored, or null to clear it; throws PRODUCT_SLUG_INVALID with the reason. */
export function cleanSlug(text: string | null): string | null {
  if (text === null) return null;
  const slug = normaliseSlug(text);
  if (slug === '' && text.trim() === '') return null;
  const problem = slugProblem(slug);
  if (problem) {
    throw new HamgamError('PRODUCT_SLUG_INVALID', `The slug is not usable (${problem})`, {
      field: 'slug',
      slug,
      problem,
    });
  }
  return slug;
}

export async function readWebFields(db: SqlExecutor, productId: number): Promise<WebFields> {
  const [row] = await db.query<{
    description: string | null;
    visibility: string;
    featured: number;
    slug: string | null;
  }>('SELECT description, visibility, featured, slug FROM product_web WHERE product_id = ?', [productId]);
  if (!row) return { ...defaults };
  return {
    description: row.description,
    visibility: row.visibility === 'hidden' ? 'hidden' : 'visible',
    featured: Number(row.featured) === 1,
    slug: row.slug,
  };
}

/**
 * Applies a desk edit of the web-only fields: validated and normalised first (a bad value changes
 * nothing), the slug checked against every other product, then written and audited in one
 * transaction. A no-op edit writes nothing. Returns whether something changed.
 */
export async function saveWebFields(
  db: SqlDb,
  productId: number,
  patch: WebFieldsPatch,
  actor: { id: string },
  now: number,
): Promise<boolean> {
  const cleaned: Partial<WebFields> = {
    ...(patch.description === undefined ? {} : { description: cleanDescription(patch.description) }),
    ...(patch.slug === undefined ? {} : { slug: cleanSlug(patch.slug) }),
    ...(patch.visibility === undefined ? {} : { visibility: patch.visibility }),
    ...(patch.featured === undefined ? {} : { featured: patch.featured }),
  };
  try {
    return await db.transaction(async (tx) => {
      await mustExist(tx, productId);
      const before = await readWebFields(tx, productId);
      const after: WebFields = { ...before, ...cleaned };
      if (JSON.stringify(after) === JSON.stringify(before)) return false;
      if (after.slug !== null && after.slug !== before.slug) await slugFree(tx, after.slug, productId);
      await upsert(tx, productId, after, actor.id, now);
      await writeAudit(tx, {
        actor: actor.id,
        action: 'product.web_fields',
        targetType: 'product',
        targetId: String(productId),
        before,
        after,
        at: now,
      });
      return true;
    });
  } catch (e) {
    // Two clerks claiming one slug at once: the unique index decides, the loser hears it plainly.
    if (cleaned.slug && isUniqueViolation(e)) throw slugTaken(cleaned.slug);
    throw e;
  }
}

async function mustExist(tx: SqlExecutor, productId: number): Promise<void> {
  const rows = await tx.query('SELECT id FROM products WHERE id = ?', [productId]);
  if (rows.length === 0) {
    throw new HamgamError('NOT_FOUND', `Product ${productId} not found`, {
      resource: 'product',
      id: productId,
    });
  }
}

async function slugFree(tx: SqlExecutor, slug: string, productId: number): Promise<void> {
  const rows = await tx.query<{ product_id: number }>(
    'SELECT product_id FROM product_web WHERE slug = ? AND product_id <> ?',
    [slug, productId],
  );
  if (rows.length > 0) throw slugTaken(slug, Number(rows[0].product_id));
}

function slugTaken(slug: string, productId?: number): HamgamError {
  return new HamgamError('PRODUCT_SLUG_TAKEN', `The slug ${slug} is already used`, {
    field: 'slug',
    slug,
    ...(productId === undefined ? {} : { productId }),
  });
}

async function upsert(tx: SqlExecutor, productId: number, f: WebFields, by: string, now: number) {
  await tx.run(
    'INSERT INTO product_web (product_id, description, visibility, featured, slug, updated_at, updated_by) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET description = excluded.description, ' +
      'visibility = excluded.visibility, featured = excluded.featured, slug = excluded.slug, ' +
      'updated_at = excluded.updated_at, updated_by = excluded.updated_by',
    [productId, f.description, f.visibility, f.featured ? 1 : 0, f.slug, now, by],
  );
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed/i.test(err?.message ?? '');
}
