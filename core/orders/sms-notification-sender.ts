import type { SmsSender } from '../accounts/sms-sender.js';
import type { NotificationSender, OrderCancelledNotice } from './notification-sender.js';

const persianDigits = (n: number): string => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** Persian texts, short enough for one or two SMS parts. */
export function orderCancelledText(notice: OrderCancelledNotice): string {
  const number = persianDigits(notice.orderNumber);
  if (notice.reason === 'payment_timeout') {
    return `سفارش شمارهٔ ${number} به دلیل پرداخت‌نشدن در مهلت مقرر لغو شد. در صورت تمایل دوباره سفارش دهید.`;
  }
  return `سفارش شمارهٔ ${number} به درخواست شما لغو شد.`;
}

/** Customer notices as SMS through the accounts' SmsSender (console driver in development). */
export class SmsNotificationSender implements NotificationSender {
  constructor(private readonly sms: SmsSender) {}

  async orderCancelled(notice: OrderCancelledNotice): Promise<void> {
    await this.sms.send(notice.mobile, orderCancelledText(notice));
  }
}
