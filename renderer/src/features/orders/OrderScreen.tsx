import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { BackLink } from '../../components/BackLink';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { MoneyText } from '../../components/MoneyText';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime, localDigits } from '../../lib/format';
import { OrderActions } from './components/OrderActions';
import { OrderStatusChip, SyncStatusChip } from './components/OrderChips';
import { AddressFacts, PaymentFacts, PushFacts } from './components/OrderFacts';
import { OrderLines } from './components/OrderLines';
import { OrderTimeline } from './components/OrderTimeline';
import { useOrder } from './use-orders';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** One order: its story (Jalali timeline), the actions that make sense now, and its facts. */
export function OrderScreen() {
  const { t } = useTranslation('orders');
  const id = useParams().id ?? '';
  const order = useOrder(id);
  const back = <BackLink to="/orders" label={t('detail.back')} />;
  if (order.isPending) return <LoadingState />;
  if (order.isError)
    return (
      <>
        {back}
        <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />
      </>
    );
  const o = order.data;
  return (
    <>
      {back}
      <PageHeader
        title={t('detail.title', { number: localDigits(o.number) })}
        subtitle={
          <Box
            component="span"
            sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
          >
            <OrderStatusChip order={o} />
            <SyncStatusChip order={o} />
            {t('detail.placedAt', { time: formatDateTime(o.createdAt) })}
          </Box>
        }
      />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 3 }}>
        <StatCard label={t('detail.summary.total')} value={<MoneyText rial={o.total} />} />
        <StatCard label={t('detail.summary.payment')} value={t(`paymentMethod.${o.paymentMethod}`)} />
        <StatCard
          label={t('detail.summary.customer')}
          value={
            <Link component={RouterLink} to={`/customers/${o.customer.id}`} underline="hover">
              {o.customer.name || localDigits(o.customer.mobile)}
            </Link>
          }
        />
        <StatCard
          label={t('detail.summary.invoice')}
          value={o.mahakOrderId === null ? t('detail.noInvoice') : localDigits(o.mahakOrderId)}
        />
      </Box>
      {/* The lines take the page's full width: in a column beside the timeline a Persian product
          name got a quarter of it and broke into one word per line. */}
      <Box sx={{ mb: 3 }}>
        <Section title={t('detail.linesTitle')}>
          <OrderLines order={o} />
        </Section>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(320px, 2fr) 3fr' }, gap: 3 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
          <Section title={t('detail.timelineTitle')}>
            <OrderTimeline events={o.timeline} />
          </Section>
          <Section title={t('actions.title')}>
            <OrderActions order={o} />
          </Section>
        </Box>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
          <Section title={t('detail.pushTitle')}>
            <PushFacts order={o} />
            {o.disputes.map((d) => (
              <Box key={d.id} component="span" sx={{ display: 'inline-block', mt: 1, marginInlineEnd: 1 }}>
                <StatusChip
                  tone={d.status === 'open' ? 'warning' : 'neutral'}
                  label={`${t('detail.disputesTitle')}: ${t(`detail.disputes.${d.status}`)}`}
                />
              </Box>
            ))}
          </Section>
          <Section title={t('detail.addressTitle')}>
            <AddressFacts order={o} />
          </Section>
          <Section title={t('detail.paymentsTitle')}>
            <PaymentFacts order={o} />
          </Section>
        </Box>
      </Box>
    </>
  );
}
