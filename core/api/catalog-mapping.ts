import type { ProductDetailDto, ProductPageDto, ProductSummaryDto } from '../contracts/catalog.js';
import type { ProductPage, ProductSummary, ProductView } from '../store/catalog-repo.js';

/** Pictures are served by this API (the pictures feature), never by Mahak's URL: the browser cannot reach Mahak. */
export const pictureUrl = (id: number): string => `/api/v1/pictures/${id}`;

export function toProductSummaryDto(p: ProductSummary): ProductSummaryDto {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    categoryId: p.categoryId,
    price: p.price,
    stock: p.stock,
    inStock: p.inStock,
    pictures: p.pictureIds.map((id) => ({ id, url: pictureUrl(id) })),
    featured: p.featured,
    slug: p.slug,
  };
}

export function toProductPageDto(page: ProductPage): ProductPageDto {
  return {
    items: page.items.map(toProductSummaryDto),
    nextCursor: page.nextCursor,
    total: page.total,
    totalExact: page.totalExact,
  };
}

export function toProductDetailDto(p: ProductView): ProductDetailDto {
  return {
    ...toProductSummaryDto(p),
    description: p.description,
    unitName: p.unitName,
    variants: p.variants.map((v) => ({
      id: v.id,
      code: v.code,
      barcode: v.barcode,
      properties: v.properties,
      price: v.price,
      stock: v.stock,
    })),
  };
}
