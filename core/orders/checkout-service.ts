import { createHash, randomUUID } from 'node:crypto';
import type {
  CheckoutLine,
  CheckoutProblem,
  CheckoutRequest,
  OrderView,
  PricedLine,
} from '../contracts/orders.js';
import {
  checkoutErrorCode,
  evaluateCheckout,
  type OrderDraft,
  type PriceLevel,
} from '../domain/checkout-rules.js';
import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { allocateSequence, enqueueOutbox } from '../push/outbox-repo.js';
import type { SqlDb, SqlExecutor } from '../store/sql-db.js';
import { convertCart, type CartCaller } from './cart-repo.js';
import type { CartService } from './cart-service.js';
import { resolveCustomerRef, type CustomerRef } from './customer-ref.js';
import { customerLockKey, lockKeys, variantLockKey } from './order-locks.js';
import { buildOrderPayload, readTaxEnabled } from './order-payload.js';
import type { OrderRow } from './order-records.js';
import { findByIdempotencyKey, findOrder, insertOrder, orderView } from './order-repo.js';
import { loadVariantFacts } from './stock-availability.js';

export interface CheckoutOptions {
  priceLevel: PriceLevel;
  /** Mahak store the stock is counted in and reserved against; undefined = all stores summed. */
  storeId: number | undefined;
  /** Rial. */
  shippingCost: number;
  paymentTimeoutMs: number;
}

export interface CheckoutInput {
  customerId: string;
  request: CheckoutRequest;
  /** From the Idempotency-Key header: the same key (per customer) always answers with the same order. */
  idempotencyKey?: string;
  /** X-Cart-Token, when checking out an anonymous cart. */
  cartToken?: string;
}

export interface CheckoutOutcome {
  order: OrderView;
  /** True when the idempotency key had already made this order. */
  replayed: boolean;
}

interface Placement {
  input: CheckoutInput;
  lines: CheckoutLine[];
  requestHash: string;
}

interface Written extends Placement {
  id: string;
  orderSeq: number;
  draft: OrderDraft;
  customer: CustomerRef;
  now: number;
}

/**
 * Checkout (ARCHITECTURE.md invariant 5): the order, its lines, its stock reservations, the person
 * (first order of a new customer) and the order outbox rows are written in ONE transaction, after the
 * customer's and the variants' locks are taken and the catalogue is checked again under them — so
 * concurrent checkouts can never sell more than the stock (stock-availability.ts).
 */
export class CheckoutService {
  constructor(
    private readonly db: SqlDb,
    private readonly carts: CartService,
    private readonly options: CheckoutOptions,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async checkout(input: CheckoutInput): Promise<CheckoutOutcome> {
    const requestHash = hashRequest(input.request);
    const prior =
      input.idempotencyKey && (await findByIdempotencyKey(this.db, input.customerId, input.idempotencyKey));
    if (prior) return this.replay(prior, requestHash);
    const caller: CartCaller = { customerId: input.customerId, token: input.cartToken };
    const lines = input.request.cartId
      ? await this.carts.checkoutLines(input.request.cartId, caller)
      : (input.request.lines ?? []);
    const placed = await this.db.transaction((tx) => this.place(tx, { input, lines, requestHash }));
    if (placed.replayOf) return this.replay(placed.replayOf, requestHash);
    const row = (await findOrder(this.db, placed.id))!;
    this.logger.info(
      {
        orderId: row.id,
        orderSeq: Number(row.order_seq),
        total: Number(row.total),
        method: row.payment_method,
      },
      'order placed',
    );
    return { order: await orderView(this.db, row), replayed: false };
  }

  private async place(tx: SqlExecutor, p: Placement): Promise<{ id: string; replayOf?: OrderRow }> {
    const { customerId, request, idempotencyKey } = p.input;
    await lockKeys(tx, [customerLockKey(customerId), ...p.lines.map((l) => variantLockKey(l.variantId))]);
    // Under the customer's lock a concurrent request with the same key has committed, or not started.
    const prior = idempotencyKey && (await findByIdempotencyKey(tx, customerId, idempotencyKey));
    if (prior) return { id: prior.id, replayOf: prior };
    // Read the clock only now, after the locks (payment-settlement.ts relies on the same rule).
    const now = this.now();
    const draft = await this.evaluate(tx, p.lines, now);
    // The counters are locked in one order in every checkout (order, person, outbox; outbox-repo.ts):
    // the order's number first, before a new customer's person takes the other two.
    const orderSeq = await allocateSequence(tx, 'order');
    const customer = await resolveCustomerRef(tx, customerId, request.address, now);
    const id = randomUUID();
    await this.write(tx, { ...p, id, orderSeq, draft, customer, now });
    return { id };
  }

  /** Order, lines, reservations, outbox row and cart conversion: all in the caller's transaction. */
  private async write(tx: SqlExecutor, w: Written): Promise<void> {
    const { request } = w.input;
    const online = request.paymentMethod === 'online';
    const paymentDeadline = online ? w.now + this.options.paymentTimeoutMs : null;
    const note = request.note || undefined;
    await insertOrder(tx, {
      id: w.id,
      customerId: w.input.customerId,
      status: online ? 'awaiting_payment' : 'placed',
      paymentMethod: request.paymentMethod,
      lines: w.draft.lines,
      totals: w.draft.totals,
      address: request.address,
      note,
      orderSeq: w.orderSeq,
      idempotencyKey: w.input.idempotencyKey,
      requestHash: w.requestHash,
      cartId: request.cartId,
      paymentDeadline,
      now: w.now,
    });
    await reserveStock(tx, w.id, w.draft.lines, {
      storeId: this.options.storeId,
      expiresAt: paymentDeadline,
      now: w.now,
    });
    const payload = buildOrderPayload({
      orderId: w.id,
      orderSeq: w.orderSeq,
      createdAt: w.now,
      customer: w.customer,
      draft: w.draft,
      address: request.address,
      note,
      paymentMethod: request.paymentMethod,
    });
    // An online order stays held until the gateway confirms; cash on delivery can go to Mahak now.
    await enqueueOutbox(
      tx,
      { kind: 'order', orderId: w.id, payload, state: online ? 'held' : 'ready' },
      w.now,
    );
    if (request.cartId) await convertCart(tx, request.cartId, w.id, w.now);
  }

  private async evaluate(tx: SqlExecutor, lines: readonly CheckoutLine[], now: number): Promise<OrderDraft> {
    const { priceLevel, storeId, shippingCost } = this.options;
    const variants = await loadVariantFacts(
      tx,
      lines.map((l) => l.variantId),
      { priceLevel, storeId, now },
    );
    const taxEnabled = await readTaxEnabled(tx);
    const result = evaluateCheckout(lines, { variants, priceLevel, taxEnabled, shippingCost });
    if (!result.ok) throw checkoutError(result.problems);
    return result.draft;
  }

  private async replay(prior: OrderRow, requestHash: string): Promise<CheckoutOutcome> {
    if (prior.request_hash !== requestHash) {
      throw new HamgamError('CONFLICT', 'This Idempotency-Key was already used for a different order', {
        reason: 'idempotency_key_reused',
        orderId: prior.id,
      });
    }
    return { order: await orderView(this.db, prior), replayed: true };
  }
}

async function reserveStock(
  tx: SqlExecutor,
  orderId: string,
  lines: readonly PricedLine[],
  r: { storeId: number | undefined; expiresAt: number | null; now: number },
): Promise<void> {
  for (const line of lines) {
    await tx.run(
      'INSERT INTO stock_reservations (order_id, variant_id, store_id, quantity, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [orderId, line.variantId, r.storeId ?? null, line.quantity, r.expiresAt, r.now],
    );
  }
}

function checkoutError(problems: CheckoutProblem[]): HamgamError {
  const code = checkoutErrorCode(problems);
  const lines = [...new Set(problems.map((p) => p.lineIndex))].join(', ');
  return new HamgamError(
    code,
    `Checkout refused (lines ${lines}): ${problems.map((p) => p.code).join(', ')}`,
    {
      problems,
    },
  );
}

/** What the idempotency key is bound to: the parsed request, keys in a stable order. */
function hashRequest(request: CheckoutRequest): string {
  return createHash('sha256').update(stableJson(request), 'utf8').digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
