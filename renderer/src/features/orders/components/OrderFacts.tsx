import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminOrderDetail } from '../../../../../core/contracts/admin-orders';
import { DateText } from '../../../components/DateText';
import { FailureText } from '../../../components/FailureText';
import { MoneyText } from '../../../components/MoneyText';
import { formatNumber, localDigits } from '../../../lib/format';
import { FieldList } from '../../../components/FieldList';

/** Where the order is going. */
export function AddressFacts({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation('orders');
  const a = order.address;
  return (
    <FieldList
      items={[
        [t('detail.address.receiver'), localDigits(a.receiverName)],
        [t('detail.address.mobile'), localDigits(a.mobile)],
        [t('detail.address.city'), localDigits([a.province, a.city].filter(Boolean).join('، '))],
        [t('detail.address.address'), localDigits(a.address)],
        [t('detail.address.postalCode'), localDigits(a.postalCode)],
        ...(order.note ? [[t('detail.note'), localDigits(order.note)] as [string, string]] : []),
      ]}
    />
  );
}

/** The order's outbox row: the push's view of it. */
export function PushFacts({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation('orders');
  const p = order.push;
  if (!p) return <Typography color="text.secondary">{t('detail.push.none')}</Typography>;
  return (
    <FieldList
      items={[
        [t('detail.push.state'), <Chip key="s" size="small" label={t(`detail.push.states.${p.state}`)} />],
        [t('detail.push.attempts'), formatNumber(p.attempts)],
        [t('detail.push.clientId'), p.clientId === null ? null : localDigits(p.clientId)],
        [t('detail.push.sentAt'), p.sentAt ? <DateText key="t" value={p.sentAt} /> : null],
        ...(p.state === 'ready'
          ? [
              [t('detail.push.nextAttempt'), <DateText key="n" value={p.nextAttemptAt} />] as [
                string,
                ReactNode,
              ],
            ]
          : []),
        ...(p.lastError
          ? [[t('detail.push.lastError'), <FailureText key="e" raw={p.lastError} />] as [string, ReactNode]]
          : []),
      ]}
    />
  );
}

/** Payment attempts of an online order. */
export function PaymentFacts({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation('orders');
  if (order.payments.length === 0)
    return <Typography color="text.secondary">{t('detail.payments.none')}</Typography>;
  return (
    <>
      {order.payments.map((p) => (
        <FieldList
          key={p.id}
          items={[
            [t('detail.payments.amount'), <MoneyText key="a" rial={p.amount} />],
            [
              t('detail.payments.status'),
              t(`detail.payments.statuses.${p.status}`, { defaultValue: p.status }),
            ],
            [t('detail.payments.reference'), p.reference ? localDigits(p.reference) : null],
            [t('detail.payments.at'), <DateText key="t" value={p.verifiedAt ?? p.createdAt} />],
          ]}
        />
      ))}
    </>
  );
}
