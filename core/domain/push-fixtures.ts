import type { PricedLine, PushOrderPayload, PushPersonPayload } from '../contracts/orders.js';
import { priceLine, totalsOf } from './checkout-pricing.js';
import type { PushMappingConfig } from './order-mapping.js';
import { defaultPushMapping } from './order-mapping.js';

/**
 * Persian fixtures for push tests (unit tests here, integration tests later). Not used at run time.
 * Rial amounts; «فاطمه كريمي» is typed with Arabic kaf/yeh on purpose.
 */

export const testMappingConfig: PushMappingConfig = {
  ...defaultPushMapping,
  settlementType: { ...defaultPushMapping.settlementType },
  visitorId: 731,
  storeId: 3,
  generation: 0,
  bankId: 12,
  personGroupId: 5,
};

export function fixtureLine(
  variantId: number,
  quantity: number,
  unitPrice: number,
  name = 'گوشی سامسونگ A54',
): PricedLine {
  return priceLine(
    {
      variantId,
      productId: variantId * 10,
      productName: name,
      quantity,
      unitPrice,
      taxPercent: 9,
      chargePercent: 0,
    },
    { taxEnabled: true },
  );
}

export function fixturePerson(
  personSeq: number,
  overrides: Partial<PushPersonPayload> = {},
): PushPersonPayload {
  return {
    kind: 'person',
    customerId: `c-${personSeq}`,
    personSeq,
    firstName: 'علی',
    lastName: 'رضایی',
    mobile: '09121234567',
    address: {
      province: 'تهران',
      city: 'تهران',
      address: 'خیابان ولیعصر، کوچه بهار، پلاک ۱۲',
      postalCode: '1415893456',
    },
    ...overrides,
  };
}

export function fixtureOrder(orderSeq: number, overrides: Partial<PushOrderPayload> = {}): PushOrderPayload {
  const lines = overrides.lines ?? [
    fixtureLine(501, 1, 12_500_000),
    fixtureLine(502, 2, 3_450_000, 'قاب چرمی'),
  ];
  const totals = totalsOf(lines, 600_000);
  return {
    kind: 'order',
    orderId: `W-${1400 + orderSeq}`,
    orderSeq,
    revision: 0,
    createdAt: '2025-03-10T08:15:00Z',
    customer: { personSeq: orderSeq, personServerId: null },
    lines,
    totals,
    shipping: {
      title: 'خانه',
      province: 'خراسان رضوی',
      city: 'مشهد',
      address: 'بلوار سجاد، سجاد ۱۴، پلاک ۷',
      postalCode: '9187654321',
      mobile: '09151112233',
      receiverName: 'فاطمه كريمي',
    },
    payment: {
      method: 'online',
      paid: true,
      amount: totals.total,
      reference: 'ZP-778899',
      paidAt: '2025-03-10T08:17:30Z',
    },
    ...overrides,
  };
}
