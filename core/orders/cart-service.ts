import type { AddCartLine, CartLineView, CartView, UpdateCartLine } from '../contracts/carts.js';
import type { CheckoutLine } from '../contracts/orders.js';
import { availableStock, unitPriceAt, type PriceLevel, type VariantFacts } from '../domain/checkout-rules.js';
import { HamgamError } from '../errors.js';
import type { SqlDb } from '../store/sql-db.js';
import {
  accessibleCart,
  addCartLine,
  assertOpen,
  cartLines,
  deleteCartLine,
  insertCart,
  updateCartLine,
  type CartCaller,
  type CartLineRow,
  type CartRow,
} from './cart-repo.js';
import { loadVariantFacts } from './stock-availability.js';

export interface CartOptions {
  priceLevel: PriceLevel;
  storeId: number | undefined;
}

/**
 * Carts hold no stock: every read prices and checks each line again against the synced catalogue, so
 * the customer sees a price change or a sold-out line before checkout refuses it.
 */
export class CartService {
  constructor(
    private readonly db: SqlDb,
    private readonly options: CartOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async create(customerId: string | undefined): Promise<{ cart: CartView; token?: string }> {
    const { id, token } = await insertCart(this.db, customerId, this.now());
    const cart = await this.view(id, { customerId, token });
    return { cart, ...(token ? { token } : {}) };
  }

  async view(id: string, caller: CartCaller): Promise<CartView> {
    const cart = await accessibleCart(this.db, id, caller);
    return this.render(cart, await cartLines(this.db, id));
  }

  async addLine(id: string, caller: CartCaller, line: AddCartLine): Promise<CartView> {
    await this.db.transaction(async (tx) => {
      const cart = await accessibleCart(tx, id, caller);
      assertOpen(cart);
      const facts = await this.facts([line.variantId]);
      const unitPrice = sellablePrice(facts.get(line.variantId), this.options.priceLevel, line.variantId);
      await addCartLine(tx, id, { ...line, unitPrice }, this.now());
    });
    return this.view(id, caller);
  }

  async updateLine(
    id: string,
    lineId: string,
    caller: CartCaller,
    change: UpdateCartLine,
  ): Promise<CartView> {
    await this.db.transaction(async (tx) => {
      const cart = await accessibleCart(tx, id, caller);
      assertOpen(cart);
      const line = (await cartLines(tx, id)).find((l) => l.id === lineId);
      if (!line)
        throw new HamgamError('NOT_FOUND', `Cart line ${lineId} not found`, { resource: 'cart_line' });
      const variantId = Number(line.variant_id);
      const unitPrice = sellablePrice(
        (await this.facts([variantId])).get(variantId),
        this.options.priceLevel,
        variantId,
      );
      await updateCartLine(tx, id, lineId, { quantity: change.quantity, unitPrice }, this.now());
    });
    return this.view(id, caller);
  }

  async removeLine(id: string, lineId: string, caller: CartCaller): Promise<CartView> {
    await this.db.transaction(async (tx) => {
      assertOpen(await accessibleCart(tx, id, caller));
      await deleteCartLine(tx, id, lineId, this.now());
    });
    return this.view(id, caller);
  }

  /** The cart's lines as a checkout sends them: the price the customer last saw is the expected one. */
  async checkoutLines(id: string, caller: CartCaller): Promise<CheckoutLine[]> {
    const cart = await accessibleCart(this.db, id, caller);
    assertOpen(cart);
    const lines = await cartLines(this.db, id);
    if (lines.length === 0) {
      throw new HamgamError('VALIDATION_FAILED', 'The cart is empty', {
        fields: [{ in: 'body', field: 'cartId', message: 'The cart is empty', code: 'too_small' }],
      });
    }
    return lines.map((l) => ({
      variantId: Number(l.variant_id),
      quantity: Number(l.quantity),
      expectedUnitPrice: Number(l.added_unit_price),
    }));
  }

  private facts(ids: readonly number[]): Promise<Map<number, VariantFacts>> {
    return loadVariantFacts(this.db, ids, { ...this.options, now: this.now() });
  }

  private async render(cart: CartRow, lines: CartLineRow[]): Promise<CartView> {
    const facts = await this.facts(lines.map((l) => Number(l.variant_id)));
    const views = lines.map((l) => lineView(l, facts.get(Number(l.variant_id)), this.options.priceLevel));
    return {
      id: cart.id,
      status: cart.status,
      orderId: cart.order_id,
      lines: views,
      itemsTotal: views.reduce((sum, l) => sum + l.lineNet, 0),
      needsAttention: views.some((l) => l.changed || !l.purchasable || l.quantity > l.availableQuantity),
      createdAt: new Date(Number(cart.created_at)).toISOString(),
      updatedAt: new Date(Number(cart.updated_at)).toISOString(),
    };
  }
}

function sellablePrice(facts: VariantFacts | undefined, level: PriceLevel, variantId: number): number {
  const price = facts?.published ? unitPriceAt(facts, level) : undefined;
  if (price === undefined) {
    throw new HamgamError('PRODUCT_UNAVAILABLE', `Variant ${variantId} is not for sale`, {
      problems: [{ code: 'PRODUCT_UNAVAILABLE', lineIndex: 0, variantId, why: unavailableWhy(facts) }],
    });
  }
  return price;
}

const unavailableWhy = (facts: VariantFacts | undefined) =>
  !facts ? 'not_found' : !facts.published ? 'unpublished' : 'no_price';

function lineView(line: CartLineRow, facts: VariantFacts | undefined, level: PriceLevel): CartLineView {
  const price = facts?.published ? (unitPriceAt(facts, level) ?? null) : null;
  const available = facts?.published ? availableStock(facts) : 0;
  const quantity = Number(line.quantity);
  const added = Number(line.added_unit_price);
  return {
    id: line.id,
    variantId: Number(line.variant_id),
    productId: facts ? facts.productId : null,
    productName: facts ? facts.productName : null,
    quantity,
    unitPrice: price,
    addedUnitPrice: added,
    changed: price !== null && price !== added,
    purchasable: price !== null,
    availableQuantity: available,
    inStock: available >= quantity,
    lineNet: price === null ? 0 : price * quantity,
  };
}
