import { describe, expect, it } from 'vitest';
import type { SmsSender } from '../accounts/sms-sender.js';
import { orderCancelledText, SmsNotificationSender } from './sms-notification-sender.js';

describe('SmsNotificationSender', () => {
  it('tells the customer in Persian, with Persian digits, why the order was cancelled', async () => {
    const sent: [string, string][] = [];
    const sms: SmsSender = { send: async (mobile, text) => void sent.push([mobile, text]) };
    await new SmsNotificationSender(sms).orderCancelled({
      orderId: 'o',
      orderNumber: 1402,
      mobile: '09123456789',
      reason: 'payment_timeout',
    });
    expect(sent).toEqual([['09123456789', expect.stringContaining('سفارش شمارهٔ ۱۴۰۲')]]);
    expect(sent[0]![1]).toContain('مهلت');
    expect(orderCancelledText({ orderId: 'o', orderNumber: 7, mobile: '', reason: 'customer' })).toBe(
      'سفارش شمارهٔ ۷ به درخواست شما لغو شد.',
    );
  });
});
