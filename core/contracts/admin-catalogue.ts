import { z } from 'zod';
import { foldDigits } from './orders.js';

/**
 * Admin API (/admin/api/catalogue) for the desk's catalogue screen: products with their sync state,
 * Mahak-owned fields read-only, web-only fields (description, visibility, featured, slug) editable.
 * Money is rial; times are ISO-8601 strings. The renderer imports these schemas and the slug rules.
 */

const isoTime = z.string();
const boolWord = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const productVisibilitySchema = z.enum(['visible', 'hidden']);
export type ProductVisibility = z.infer<typeof productVisibilitySchema>;

/**
 * One chip per product, the most urgent first: deleted in Mahak; unpublished (no variant assigned to
 * our visitor); needs_action (a picture gave up downloading); pictures_pending; synced.
 */
export const productSyncStateSchema = z.enum([
  'deleted',
  'unpublished',
  'needs_action',
  'pictures_pending',
  'synced',
]);
export type ProductSyncState = z.infer<typeof productSyncStateSchema>;

// ---- web-only field rules (shared with the renderer's form) ----

export const SLUG_MIN = 2;
export const SLUG_MAX = 80;
export const WEB_DESCRIPTION_MAX = 4000;

const persianLetters = '\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc';
const slugPattern = new RegExp(`^[a-z0-9${persianLetters}]+(?:-[a-z0-9${persianLetters}]+)*$`);

/**
 * The slug as stored: NFC, ي/ك folded to ی/ک, Persian digits to ASCII, Latin lower-cased, spaces,
 * ZWNJ and underscores to one hyphen, no hyphen at either end. «کفش ورزشی Nike» -> «کفش-ورزشی-nike».
 */
export function normaliseSlug(input: string): string {
  return foldDigits(input.normalize('NFC'))
    .replace(/ي/g, 'ی')
    .replace(/ك/g, 'ک')
    .toLowerCase()
    .replace(/[\s\u200c_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

export type SlugProblem = 'length' | 'characters' | 'digits_only';

/** Why a normalised slug cannot be used, or undefined when it can. */
export function slugProblem(slug: string): SlugProblem | undefined {
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX) return 'length';
  if (!slugPattern.test(slug)) return 'characters';
  // An all-digit slug would read as a product id in /products/<id-or-slug>.
  if (/^[0-9-]+$/.test(slug)) return 'digits_only';
  return undefined;
}

// ---- list ----

export const catalogueListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(500).optional(),
  /** Name, code, barcode; ي/ی, ك/ک and Persian digits match. */
  q: z.string().max(100).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  visibility: productVisibilitySchema.optional(),
  featured: boolWord,
  inStock: boolWord,
  syncState: productSyncStateSchema.optional(),
});
export type CatalogueListQuery = z.output<typeof catalogueListQuerySchema>;

export const catalogueItemSchema = z.object({
  /** Mahak ProductId (the store keeps Mahak's server id as its own). */
  id: z.number().int(),
  code: z.number().int().nullable(),
  name: z.string(),
  categoryId: z.number().int().nullable(),
  categoryName: z.string().nullable(),
  /** Lowest price at the shop's sell level among published variants, rial; null without one. */
  price: z.number().nullable(),
  /** Mahak's stock (Count1, the configured store) over the live variants. */
  stock: z.number(),
  /** Units held by web orders not yet reflected in Mahak's stock. */
  reserved: z.number(),
  variantCount: z.number().int(),
  pictureCount: z.number().int(),
  rowVersion: z.number().int(),
  syncState: productSyncStateSchema,
  visibility: productVisibilitySchema,
  featured: z.boolean(),
  slug: z.string().nullable(),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const catalogueListSchema = z.object({
  items: z.array(catalogueItemSchema),
  nextCursor: z.string().nullable(),
  /** Matching products over all pages. */
  total: z.number().int(),
  /** When the last pull finished well (null before the first). */
  lastPulledAt: isoTime.nullable(),
});
export type CatalogueList = z.infer<typeof catalogueListSchema>;

// ---- detail ----

export const catalogueVariantSchema = z.object({
  id: z.number().int(),
  code: z.number().int().nullable(),
  clientId: z.number().int().nullable(),
  barcode: z.string().nullable(),
  properties: z.string().nullable(),
  price: z.number().nullable(),
  stock: z.number(),
  reserved: z.number(),
  rowVersion: z.number().int(),
  /** Assigned to our visitor and not deleted: the storefront may sell it. */
  published: z.boolean(),
  deleted: z.boolean(),
});
export type CatalogueVariant = z.infer<typeof catalogueVariantSchema>;

export const pictureStatusSchema = z.enum(['downloaded', 'pending', 'failed']);

export const cataloguePictureSchema = z.object({
  id: z.number().int(),
  /** Served by this appliance once downloaded; null before. */
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  status: pictureStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  rowVersion: z.number().int(),
});

export const productDeadLetterSchema = z.object({
  id: z.number().int(),
  source: z.string(),
  kind: z.string(),
  reason: z.string(),
  createdAt: isoTime,
});

/** What Mahak owns: shown read-only, rewritten by every pull. */
export const mahakProductFieldsSchema = z.object({
  clientId: z.number().int().nullable(),
  code: z.number().int().nullable(),
  name: z.string(),
  categoryId: z.number().int().nullable(),
  categoryName: z.string().nullable(),
  unitName: z.string().nullable(),
  tags: z.string().nullable(),
  taxPercent: z.number().nullable(),
  chargePercent: z.number().nullable(),
  description: z.string().nullable(),
  rowVersion: z.number().int(),
  deletedAt: isoTime.nullable(),
});

/** What the shop owns: edited at the desk, never touched by a pull. */
export const webProductFieldsSchema = z.object({
  /** The storefront shows this instead of Mahak's description when set. */
  description: z.string().nullable(),
  visibility: productVisibilitySchema,
  featured: z.boolean(),
  slug: z.string().nullable(),
  updatedAt: isoTime.nullable(),
  updatedBy: z.string().nullable(),
});
export type WebProductFields = z.infer<typeof webProductFieldsSchema>;

export const catalogueDetailSchema = z.object({
  id: z.number().int(),
  syncState: productSyncStateSchema,
  mahak: mahakProductFieldsSchema,
  web: webProductFieldsSchema,
  price: z.number().nullable(),
  stock: z.number(),
  reserved: z.number(),
  variants: z.array(catalogueVariantSchema),
  pictures: z.array(cataloguePictureSchema),
  /** Quarantined pull records and given-up pictures of this product (handled on the dead-letter screen). */
  deadLetters: z.array(productDeadLetterSchema),
  lastPulledAt: isoTime.nullable(),
});
export type CatalogueDetail = z.infer<typeof catalogueDetailSchema>;

export const catalogueIdParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });

/**
 * PATCH body: any subset of the web-only fields. null clears description / slug. The hard limits here
 * stop garbage; the clerk-facing rules (slug shape, description length) answer with their own codes.
 */
export const webFieldsPatchSchema = z
  .strictObject({
    description: z
      .string()
      .max(WEB_DESCRIPTION_MAX * 4)
      .nullable()
      .optional(),
    visibility: productVisibilitySchema.optional(),
    featured: z.boolean().optional(),
    slug: z
      .string()
      .max(SLUG_MAX * 4)
      .nullable()
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field' });
export type WebFieldsPatch = z.infer<typeof webFieldsPatchSchema>;

export const categoryOptionSchema = z.object({ id: z.number().int(), name: z.string() });
export const categoryOptionListSchema = z.object({ items: z.array(categoryOptionSchema) });
export type CategoryOptionList = z.infer<typeof categoryOptionListSchema>;
