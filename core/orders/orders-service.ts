import type { OrderList, OrderView } from '../contracts/orders.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import type { NotificationSender, OrderCancelledNotice } from './notification-sender.js';
import { cancelOrderIn, customerCancelBlock, notCancellable } from './order-cancel.js';
import { listOwnOrders } from './order-list.js';
import { orderColumns, type OrderRow } from './order-records.js';
import { findOrder, orderView, ownOrder } from './order-repo.js';
import { settleSentReservations } from './order-sent.js';

/** Orders after checkout: the customer's reads and cancel, and the scheduled expiry of unpaid orders. */
export class OrdersService {
  constructor(
    private readonly db: SqlDb,
    private readonly notifier: NotificationSender,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async get(customerId: string, orderId: string): Promise<OrderView> {
    return orderView(this.db, await ownOrder(this.db, customerId, orderId));
  }

  list(customerId: string, page: { limit: number; cursor?: string }): Promise<OrderList> {
    return listOwnOrders(this.db, customerId, page);
  }

  /**
   * The customer cancels an order Mahak has not received: stock back, outbox row cancelled. Cancelling
   * an already cancelled order answers with it (a repeated click is not an error).
   */
  async cancelByCustomer(customerId: string, orderId: string): Promise<OrderView> {
    const notice = await this.db.transaction(async (tx) => {
      const row = await ownOrder(tx, customerId, orderId);
      if (row.status === 'cancelled') return undefined;
      const blocked = customerCancelBlock(row);
      if (blocked) throw notCancellable(orderId, blocked);
      return cancelOrderIn(tx, row, 'customer', this.now());
    });
    if (notice) await this.notify(notice);
    return this.get(customerId, orderId);
  }

  /**
   * For the scheduler (every minute or so): cancels online orders whose payment deadline
   * (config.paymentTimeoutMinutes) has passed, releases their stock and tells the customers. An order
   * whose payment is being verified at that moment is left to the verification. Returns the ids.
   */
  async expireUnpaidOrders(now: number = this.now()): Promise<string[]> {
    const due = await this.db.query<OrderRow>(
      `SELECT ${orderColumns} FROM orders WHERE status = 'awaiting_payment' AND payment_deadline <= ? ` +
        'AND payment_verifying_at IS NULL ORDER BY payment_deadline LIMIT 500',
      [now],
    );
    const expired: string[] = [];
    for (const row of due) {
      const notice = await this.expireOne(row.id, now);
      if (!notice) continue;
      expired.push(row.id);
      await this.notify(notice);
    }
    if (expired.length > 0)
      this.logger.info({ count: expired.length, orderIds: expired }, 'unpaid orders expired');
    return expired;
  }

  /** Scheduled too: reservations whose sale has reached the pulled stock are released (order-sent.ts). */
  settleSentReservations(now: number = this.now()): Promise<number> {
    return this.db.transaction((tx) => settleSentReservations(tx, now));
  }

  /** Cancels one order now if it is still unpaid past its deadline (also used by the payment callback). */
  async expireOne(orderId: string, now: number): Promise<OrderCancelledNotice | undefined> {
    return this.db.transaction(async (tx) => {
      const row = await findOrder(tx, orderId);
      if (!row || row.status !== 'awaiting_payment' || row.payment_verifying_at !== null) return undefined;
      if (row.payment_deadline === null || Number(row.payment_deadline) > now) return undefined;
      try {
        return await this.db.transaction((inner) => cancelOrderIn(inner, row, 'payment_timeout', now));
      } catch (e) {
        this.logger.warn({ orderId, err: (e as Error).message }, 'unpaid order could not be expired');
        return undefined;
      }
    });
  }

  async notify(notice: OrderCancelledNotice): Promise<void> {
    try {
      await this.notifier.orderCancelled(notice);
    } catch (e) {
      this.logger.warn(
        { orderId: notice.orderId, err: (e as Error).message },
        'cancellation notice not sent',
      );
    }
  }
}
