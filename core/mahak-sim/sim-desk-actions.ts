import { z } from 'zod';
import { entityNames } from './sim-entities.js';

/**
 * What staff at the Mahak desk can do to the simulated books, as data: the HTTP control API validates a body
 * against these schemas, the in-process control calls the same operations, and a "late" commit wraps any of them.
 */
const id = z.number().int().positive();
const money = z.number().nonnegative();

export const newDetailSchema = z.object({
  /** Property name (رنگ, سایز, وزن) or code -> value; written as Mahak's `[{"C":"1","V":"قرمز"}]`. */
  properties: z.record(z.string(), z.string()).optional(),
  /** Price1 (consumer price) in rial; other levels derived unless `prices` gives them. */
  price1: money.optional(),
  prices: z.record(z.string(), money).optional(),
  /** Store id -> stock (main unit). Stores not listed get 0. */
  stock: z.record(z.string(), z.number()).optional(),
  barcode: z.string().optional(),
});

export const newProductSchema = z.object({
  name: z.string().min(1),
  categoryId: id.optional(),
  unitName: z.string().optional(),
  description: z.string().optional(),
  details: z.array(newDetailSchema).min(1).optional(),
  /** Assign the new details to the visitor (put them in the Bazara "sent goods" list). Default true. */
  assign: z.boolean().optional(),
  /** Give the product a generated picture. Default true. */
  picture: z.boolean().optional(),
});

export const newPersonSchema = z.object({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  organization: z.string().optional(),
  mobile: z.string().optional(),
  groupId: id.optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  sellPriceLevel: z.number().int().min(0).max(10).optional(),
  assign: z.boolean().optional(),
  /** Any further PascalCase Person fields. */
  fields: z.record(z.string(), z.unknown()).optional(),
});

export const deskActionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('setPrices'), detailId: id, prices: z.record(z.string(), money) }),
  z.object({
    op: z.literal('setStock'),
    detailId: id,
    storeId: id,
    count1: z.number(),
    count2: z.number().optional(),
  }),
  z.object({ op: z.literal('addProduct'), product: newProductSchema }),
  z.object({ op: z.literal('updateProduct'), productId: id, patch: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('deleteProduct'), productId: id }),
  z.object({ op: z.literal('restoreProduct'), productId: id }),
  z.object({ op: z.literal('unassignDetail'), detailId: id }),
  z.object({ op: z.literal('assignDetail'), detailId: id }),
  z.object({ op: z.literal('addPerson'), person: newPersonSchema }),
  z.object({ op: z.literal('updatePerson'), personId: id, patch: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('deletePerson'), personId: id }),
  z.object({ op: z.literal('unassignPerson'), personId: id }),
  z.object({ op: z.literal('replacePicture'), pictureId: id }),
  z.object({ op: z.literal('addPicture'), productId: id }),
  z.object({ op: z.literal('deletePicture'), pictureId: id }),
  z.object({ op: z.literal('touch'), entity: z.enum(entityNames), id }),
]);

export type NewProduct = z.infer<typeof newProductSchema>;
export type NewDetail = z.infer<typeof newDetailSchema>;
export type NewPerson = z.infer<typeof newPersonSchema>;
export type DeskAction = z.infer<typeof deskActionSchema>;

/** Rows an action wrote: enough for a test to know which RowVersions to expect. */
export interface DeskResult {
  written: { entity: string; id: number; rowVersion: number; deleted: boolean }[];
  productId?: number;
  detailIds?: number[];
  personId?: number;
  pictureId?: number;
}
