import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../contracts/orders.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';

export interface CartRow {
  id: string;
  customer_id: string | null;
  token_hash: string | null;
  status: 'open' | 'converted';
  order_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface CartLineRow {
  id: string;
  cart_id: string;
  variant_id: number;
  quantity: number;
  added_unit_price: number;
  created_at: number;
}

/** Who asks for a cart: a signed-in customer and/or the holder of an anonymous cart's token. */
export interface CartCaller {
  customerId?: string;
  token?: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export async function insertCart(
  db: SqlExecutor,
  customerId: string | undefined,
  now: number,
): Promise<{ id: string; token?: string }> {
  const id = randomUUID();
  // A customer's cart is reached with the JWT; an anonymous one only with this secret (kept hashed).
  const token = customerId ? undefined : randomBytes(32).toString('base64url');
  await db.run(
    "INSERT INTO carts (id, customer_id, token_hash, status, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?)",
    [id, customerId ?? null, token ? sha256(token) : null, now, now],
  );
  return { id, ...(token ? { token } : {}) };
}

/** The cart when the caller may see it; otherwise NOT_FOUND, exactly like a missing cart (no probing). */
export async function accessibleCart(db: SqlExecutor, id: string, caller: CartCaller): Promise<CartRow> {
  const rows = await db.query<CartRow>('SELECT * FROM carts WHERE id = ?', [id]);
  const cart = rows[0];
  if (!cart || !mayAccess(cart, caller)) {
    throw new HamgamError('NOT_FOUND', `Cart ${id} not found`, { resource: 'cart', id });
  }
  return cart;
}

function mayAccess(cart: CartRow, caller: CartCaller): boolean {
  if (cart.customer_id !== null) return caller.customerId === cart.customer_id;
  if (!caller.token || !cart.token_hash) return false;
  const given = Buffer.from(sha256(caller.token), 'hex');
  return timingSafeEqual(given, Buffer.from(cart.token_hash, 'hex'));
}

export function assertOpen(cart: CartRow): void {
  if (cart.status !== 'open') {
    throw new HamgamError('CONFLICT', 'This cart has already been checked out', {
      reason: 'cart_converted',
      cartId: cart.id,
      orderId: cart.order_id,
    });
  }
}

export async function cartLines(db: SqlExecutor, cartId: string): Promise<CartLineRow[]> {
  return db.query<CartLineRow>('SELECT * FROM cart_lines WHERE cart_id = ? ORDER BY position', [cartId]);
}

/** Adds to the line of the same variant, or starts one; the price seen is the current price. */
export async function addCartLine(
  tx: SqlExecutor,
  cartId: string,
  line: { variantId: number; quantity: number; unitPrice: number },
  now: number,
): Promise<string> {
  const existing = (await cartLines(tx, cartId)).find((l) => Number(l.variant_id) === line.variantId);
  if (existing) {
    const quantity = Number(existing.quantity) + line.quantity;
    if (quantity > MAX_LINE_QUANTITY) throw tooMany('quantity', `at most ${MAX_LINE_QUANTITY} per line`);
    await updateCartLine(tx, cartId, existing.id, { quantity, unitPrice: line.unitPrice }, now);
    return existing.id;
  }
  const count = await tx.query<{ n: number; last: number | null }>(
    'SELECT COUNT(*) AS n, MAX(position) AS last FROM cart_lines WHERE cart_id = ?',
    [cartId],
  );
  if (Number(count[0]?.n ?? 0) >= MAX_ORDER_LINES)
    throw tooMany('variantId', `at most ${MAX_ORDER_LINES} lines`);
  const id = randomUUID();
  await tx.run(
    'INSERT INTO cart_lines (id, cart_id, variant_id, position, quantity, added_unit_price, created_at, updated_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [id, cartId, line.variantId, Number(count[0]?.last ?? 0) + 1, line.quantity, line.unitPrice, now, now],
  );
  await touch(tx, cartId, now);
  return id;
}

export async function updateCartLine(
  tx: SqlExecutor,
  cartId: string,
  lineId: string,
  change: { quantity: number; unitPrice: number },
  now: number,
): Promise<void> {
  const changed = await tx.run(
    'UPDATE cart_lines SET quantity = ?, added_unit_price = ?, updated_at = ? WHERE id = ? AND cart_id = ?',
    [change.quantity, change.unitPrice, now, lineId, cartId],
  );
  if (changed === 0) throw lineNotFound(lineId);
  await touch(tx, cartId, now);
}

export async function deleteCartLine(
  tx: SqlExecutor,
  cartId: string,
  lineId: string,
  now: number,
): Promise<void> {
  const changed = await tx.run('DELETE FROM cart_lines WHERE id = ? AND cart_id = ?', [lineId, cartId]);
  if (changed === 0) throw lineNotFound(lineId);
  await touch(tx, cartId, now);
}

/** Inside the checkout transaction: only an open cart converts, so one cart makes one order. */
export async function convertCart(
  tx: SqlExecutor,
  cartId: string,
  orderId: string,
  now: number,
): Promise<void> {
  const changed = await tx.run(
    "UPDATE carts SET status = 'converted', order_id = ?, updated_at = ? WHERE id = ? AND status = 'open'",
    [orderId, now, cartId],
  );
  if (changed === 0) {
    throw new HamgamError('CONFLICT', 'This cart has already been checked out', {
      reason: 'cart_converted',
      cartId,
    });
  }
}

async function touch(tx: SqlExecutor, cartId: string, now: number): Promise<void> {
  await tx.run('UPDATE carts SET updated_at = ? WHERE id = ?', [now, cartId]);
}

function lineNotFound(lineId: string): HamgamError {
  return new HamgamError('NOT_FOUND', `Cart line ${lineId} not found`, { resource: 'cart_line', id: lineId });
}

function tooMany(field: string, message: string): HamgamError {
  return new HamgamError('VALIDATION_FAILED', message, {
    fields: [{ in: 'body', field, message, code: 'too_big' }],
  });
}
