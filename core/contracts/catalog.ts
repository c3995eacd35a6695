import { z } from 'zod';

/**
 * Storefront catalogue contract (GET /api/v1/products, /products/:id, /categories). The server validates
 * requests with these schemas and types its responses with them; the OpenAPI document is generated from
 * them. Money is always RIAL, as an integer number (the store keeps rial whatever Mahak uses).
 */

// Query strings arrive as text: numbers are coerced, booleans are the literal words true/false.
// Strict objects: an unknown parameter (a typo like `category=`) is a clear 400, not a silent no-op.
export const productListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1..100'),
  cursor: z.string().min(1).max(500).optional().describe('nextCursor from the previous page'),
  categoryId: z.coerce.number().int().positive().optional(),
  q: z.string().max(100).optional().describe('Search in name and code; ي/ی, ك/ک and Persian digits match'),
  inStock: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ProductListQuery = z.output<typeof productListQuery>;

export const productParams = z.strictObject({ id: z.coerce.number().int().positive() });
export type ProductParams = z.output<typeof productParams>;

export const pictureRef = z.object({
  id: z.number().int(),
  /** Relative URL served by this API: /api/v1/pictures/<id>. */
  url: z.string(),
});

export const productSummary = z.object({
  id: z.number().int(),
  code: z.number().int().nullable(),
  name: z.string(),
  categoryId: z.number().int().nullable(),
  /** Lowest variant price at the shop's sell price level, rial. */
  price: z.number().describe('Rial'),
  stock: z.number(),
  inStock: z.boolean(),
  pictures: z.array(pictureRef),
  /** Set by the shop at the desk (web-only, never from Mahak). */
  featured: z.boolean(),
  /** The product's URL name set at the desk; null when none. */
  slug: z.string().nullable(),
});
export type ProductSummaryDto = z.infer<typeof productSummary>;

export const productVariant = z.object({
  id: z.number().int(),
  code: z.number().int().nullable(),
  barcode: z.string().nullable(),
  properties: z.string().nullable(),
  price: z.number().describe('Rial'),
  stock: z.number(),
});
export type ProductVariantDto = z.infer<typeof productVariant>;

export const productDetail = productSummary.extend({
  /** The shop's own description when it wrote one at the desk, else Mahak's. */
  description: z.string().nullable(),
  unitName: z.string().nullable(),
  variants: z.array(productVariant),
});
export type ProductDetailDto = z.infer<typeof productDetail>;

export const productPage = z.object({
  items: z.array(productSummary),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /**
   * Matching products over all pages. Without `q` it is exact (counts kept by the pull). With `q` the
   * matches are counted up to 100: past that `total` is 100 and `totalExact` false ("100+").
   */
  total: z.number().int(),
  totalExact: z.boolean(),
});
export type ProductPageDto = z.infer<typeof productPage>;

export const category = z.object({
  id: z.number().int(),
  code: z.number().int().nullable(),
  name: z.string(),
  productCount: z.number().int(),
});
export type CategoryDto = z.infer<typeof category>;

export const categoryList = z.object({ items: z.array(category) });
export type CategoryListDto = z.infer<typeof categoryList>;
