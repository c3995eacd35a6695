import type { OrderTotals, PricedLine } from '../contracts/orders.js';

/** What a line needs to be priced; all money in rial integers. */
export interface LineToPrice {
  variantId: number;
  productId: number;
  productName: string;
  quantity: number;
  unitPrice: number;
  taxPercent: number;
  chargePercent: number;
}

export interface PricingOptions {
  /**
   * Mahak setting 14008 (levy + tax enabled, API.md §3.4). When off, Mahak adds nothing to the invoice,
   * so the line's percentages are sent as 0 and the customer pays the bare price; when on, we add them
   * here too so what the customer pays equals Mahak's invoice total.
   */
  taxEnabled: boolean;
}

/**
 * Percent of a rial amount, rounded half up to a whole rial. Percentages may carry two decimals (9.5);
 * BigInt keeps amount x hundredths exact even past 2^53.
 */
export function percentOf(amountRial: number, percent: number): number {
  const hundredths = BigInt(Math.round(percent * 100));
  return Number((BigInt(amountRial) * hundredths + 5000n) / 10000n);
}

export function priceLine(line: LineToPrice, options: PricingOptions): PricedLine {
  const taxPercent = options.taxEnabled ? line.taxPercent : 0;
  const chargePercent = options.taxEnabled ? line.chargePercent : 0;
  const lineNet = line.unitPrice * line.quantity;
  const taxAmount = percentOf(lineNet, taxPercent);
  const chargeAmount = percentOf(lineNet, chargePercent);
  return {
    variantId: line.variantId,
    productId: line.productId,
    productName: line.productName,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    lineNet,
    taxPercent,
    chargePercent,
    taxAmount,
    chargeAmount,
    lineTotal: lineNet + taxAmount + chargeAmount,
  };
}

/** Re-price a line already priced (after an edit of price or quantity), keeping its percentages. */
export function repriceLine(line: PricedLine, change: { unitPrice?: number; quantity?: number }): PricedLine {
  return priceLine(
    { ...line, unitPrice: change.unitPrice ?? line.unitPrice, quantity: change.quantity ?? line.quantity },
    { taxEnabled: true },
  );
}

export function totalsOf(lines: readonly PricedLine[], shippingCost: number): OrderTotals {
  const sum = (pick: (l: PricedLine) => number) => lines.reduce((acc, l) => acc + pick(l), 0);
  const itemsTotal = sum((l) => l.lineNet);
  const taxTotal = sum((l) => l.taxAmount);
  const chargeTotal = sum((l) => l.chargeAmount);
  return {
    itemsTotal,
    taxTotal,
    chargeTotal,
    shippingCost,
    total: itemsTotal + taxTotal + chargeTotal + shippingCost,
  };
}
