import type { CheckoutLine, CheckoutProblem, OrderTotals, PricedLine } from '../contracts/orders.js';
import type { ErrorCode } from '../contracts/error-codes.js';
import { priceLine, totalsOf } from './checkout-pricing.js';

/** Price levels Price1..Price10 (API.md §3.4 ProductDetail). */
export type PriceLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** What the store database knows about one variant (ProductDetail) at checkout time. */
export interface VariantFacts {
  variantId: number;
  productId: number;
  productName: string;
  /** Not deleted in Mahak and assigned to our visitor (ARCHITECTURE.md invariant 4). */
  published: boolean;
  /** Rial per price level; missing or 0 = not for sale at that level. */
  prices: Partial<Record<PriceLevel, number | null>>;
  /** Count1 from the last pull (main unit; may be fractional in Mahak). */
  syncedStock: number;
  /** Units held by other customers' open orders not yet in Mahak's stock. */
  activeReservations: number;
  taxPercent: number;
  chargePercent: number;
}

export interface CheckoutContext {
  variants: ReadonlyMap<number, VariantFacts>;
  priceLevel: PriceLevel;
  /** Mahak setting 14008; see PricingOptions. */
  taxEnabled: boolean;
  /** Rial, decided by the caller (free shipping = 0). */
  shippingCost: number;
}

export interface OrderDraft {
  lines: PricedLine[];
  totals: OrderTotals;
}

export type CheckoutEvaluation = { ok: true; draft: OrderDraft } | { ok: false; problems: CheckoutProblem[] };

/** Whole units a customer may still buy: synced stock minus active reservations, never negative. */
export const availableStock = (v: VariantFacts): number =>
  Math.max(0, Math.floor(v.syncedStock) - Math.max(0, Math.ceil(v.activeReservations)));

/** The sellable unit price at the level, or undefined when the variant cannot be sold at it. */
export function unitPriceAt(v: VariantFacts, level: PriceLevel): number | undefined {
  const price = v.prices[level];
  return typeof price === 'number' && Number.isSafeInteger(price) && price > 0 ? price : undefined;
}

/**
 * Checks a checkout against catalogue facts and prices it. Every line is checked so the storefront can
 * show all problems at once. Without expectedUnitPrice the order takes the current price.
 */
export function evaluateCheckout(lines: readonly CheckoutLine[], ctx: CheckoutContext): CheckoutEvaluation {
  const problems: CheckoutProblem[] = [];
  const requestedByVariant = new Map<number, number>();
  for (const l of lines)
    requestedByVariant.set(l.variantId, (requestedByVariant.get(l.variantId) ?? 0) + l.quantity);

  const priced: PricedLine[] = [];
  lines.forEach((line, lineIndex) => {
    const lineProblems = checkLine(line, lineIndex, requestedByVariant.get(line.variantId) ?? 0, ctx);
    problems.push(...lineProblems.problems);
    if (lineProblems.priced) priced.push(lineProblems.priced);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, draft: { lines: priced, totals: totalsOf(priced, ctx.shippingCost) } };
}

function checkLine(
  line: CheckoutLine,
  lineIndex: number,
  requestedForVariant: number,
  ctx: CheckoutContext,
): { problems: CheckoutProblem[]; priced?: PricedLine } {
  const base = { lineIndex, variantId: line.variantId };
  const v = ctx.variants.get(line.variantId);
  if (!v) return { problems: [{ ...base, code: 'PRODUCT_UNAVAILABLE', why: 'not_found' }] };
  const named = { ...base, productName: v.productName };
  if (!v.published) return { problems: [{ ...named, code: 'PRODUCT_UNAVAILABLE', why: 'unpublished' }] };
  const current = unitPriceAt(v, ctx.priceLevel);
  if (current === undefined)
    return { problems: [{ ...named, code: 'PRODUCT_UNAVAILABLE', why: 'no_price' }] };

  const problems: CheckoutProblem[] = [];
  if (line.expectedUnitPrice !== undefined && line.expectedUnitPrice !== current) {
    problems.push({
      ...named,
      code: 'ORDER_PRICE_CHANGED',
      expectedUnitPrice: line.expectedUnitPrice,
      currentUnitPrice: current,
    });
  }
  const available = availableStock(v);
  if (requestedForVariant > available) {
    problems.push({
      ...named,
      code: 'ORDER_STOCK_CHANGED',
      requestedQuantity: requestedForVariant,
      availableQuantity: available,
    });
  }
  const priced = priceLine(
    { ...v, quantity: line.quantity, unitPrice: current },
    { taxEnabled: ctx.taxEnabled },
  );
  return { problems, priced };
}

/** The one error code for an HTTP answer: the most blocking problem wins. */
export function checkoutErrorCode(problems: readonly CheckoutProblem[]): ErrorCode {
  const order: CheckoutProblem['code'][] = [
    'PRODUCT_UNAVAILABLE',
    'ORDER_STOCK_CHANGED',
    'ORDER_PRICE_CHANGED',
  ];
  return order.find((c) => problems.some((p) => p.code === c)) ?? 'VALIDATION_FAILED';
}
