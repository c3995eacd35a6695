import { z } from 'zod';
import { MAX_LINE_QUANTITY, positiveIdSchema, rialSchema } from './orders.js';

/**
 * Storefront carts (/api/v1/carts). A cart is not a reservation: every read re-checks each line
 * against the synced catalogue (current price, availability) and flags what changed since the
 * customer last saw it. Money is rial.
 *
 * Access: a cart created with a customer's JWT belongs to that customer; one created without is
 * anonymous and answers only to the secret returned once in the `X-Cart-Token` header.
 */

export const CART_TOKEN_HEADER = 'x-cart-token';

export const cartParamsSchema = z.object({ id: z.uuid() });
export const cartLineParamsSchema = z.object({ id: z.uuid(), lineId: z.uuid() });

const quantity = z.number().int().positive().max(MAX_LINE_QUANTITY);

export const addCartLineSchema = z.strictObject({ variantId: positiveIdSchema, quantity });
export type AddCartLine = z.infer<typeof addCartLineSchema>;

/** Setting the quantity also acknowledges the current price (the customer is looking at it). */
export const updateCartLineSchema = z.strictObject({ quantity });
export type UpdateCartLine = z.infer<typeof updateCartLineSchema>;

export const cartLineViewSchema = z.object({
  id: z.string(),
  variantId: z.number().int(),
  productId: z.number().int().nullable(),
  productName: z.string().nullable(),
  quantity: z.number().int(),
  /** Current price at the shop's sell level; null when the variant cannot be sold now. */
  unitPrice: rialSchema.nullable(),
  /** The price when the customer added (or last changed) the line. */
  addedUnitPrice: rialSchema,
  /** unitPrice differs from addedUnitPrice (checkout would answer ORDER_PRICE_CHANGED). */
  changed: z.boolean(),
  /** Published and priced. */
  purchasable: z.boolean(),
  /** Whole units on sale now (synced stock minus reservations). */
  availableQuantity: z.number().int().nonnegative(),
  inStock: z.boolean(),
  /** unitPrice x quantity (before tax), 0 when not purchasable. */
  lineNet: rialSchema,
});
export type CartLineView = z.infer<typeof cartLineViewSchema>;

export const cartViewSchema = z.object({
  id: z.string(),
  status: z.enum(['open', 'converted']),
  /** The order this cart became, once converted. */
  orderId: z.string().nullable(),
  lines: z.array(cartLineViewSchema),
  /** Sum of lineNet, rial, before tax and shipping. */
  itemsTotal: rialSchema,
  /** Any line changed, unavailable or short of stock: checkout would be refused as it stands. */
  needsAttention: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type CartView = z.infer<typeof cartViewSchema>;
