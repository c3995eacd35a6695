import type { CancelReason } from './order-records.js';

/** What the customer is told when an order is cancelled. */
export interface OrderCancelledNotice {
  orderId: string;
  /** The order number the customer sees (the order's push sequence). */
  orderNumber: number;
  /** Account mobile, normalised 09xxxxxxxxx. */
  mobile: string;
  reason: CancelReason;
}

/**
 * The customer-notification port of the orders part. Drivers: SMS (sms-notification-sender.ts, over
 * the accounts' SmsSender port); an e-mail or push driver would plug in the same way. Notices are
 * sent AFTER the transaction that changed the order commits, and a failing driver is logged, never
 * allowed to undo or fail the change itself.
 */
export interface NotificationSender {
  orderCancelled(notice: OrderCancelledNotice): Promise<void>;
}
