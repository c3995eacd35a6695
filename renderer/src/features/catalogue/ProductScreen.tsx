import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink } from '../../components/BackLink';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { MoneyText } from '../../components/MoneyText';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { formatNumber, localDigits } from '../../lib/format';
import { DeadLetterList } from './components/DeadLetterList';
import { MahakFieldsCard } from './components/MahakFieldsCard';
import { PictureStrip } from './components/PictureStrip';
import { SyncStateChip } from './components/SyncStateChip';
import { VariantsTable } from './components/VariantsTable';
import { WebFieldsForm } from './components/WebFieldsForm';
import { useProduct } from './use-catalogue';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" sx={{ mt: 3 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** One product: Mahak's side read-only beside the shop's editable side, then variants and pictures. */
export function ProductScreen() {
  const { t } = useTranslation('catalogue');
  const id = Number(useParams().id);
  const product = useProduct(id);
  const back = <BackLink to="/catalogue" label={t('detail.back')} />;
  if (product.isPending) return <LoadingState />;
  if (product.isError)
    return (
      <>
        {back}
        <ErrorAlert error={product.error} onRetry={() => void product.refetch()} />
      </>
    );
  const p = product.data;
  return (
    <>
      {back}
      <PageHeader title={localDigits(p.mahak.name)} subtitle={<SyncStateChip state={p.syncState} />} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 3 }}>
        <StatCard label={t('detail.summary.price')} value={<MoneyText rial={p.price} />} />
        <StatCard label={t('detail.summary.stock')} value={formatNumber(p.stock)} />
        <StatCard label={t('detail.summary.reserved')} value={formatNumber(p.reserved)} />
        <StatCard
          label={t('detail.summary.available')}
          value={formatNumber(Math.max(0, p.stock - p.reserved))}
        />
      </Box>
      <DeadLetterList letters={p.deadLetters} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 3, mt: 2 }}>
        <MahakFieldsCard product={p} />
        <WebFieldsForm product={p} />
      </Box>
      <Section title={t('detail.variants.title')}>
        <VariantsTable variants={p.variants} />
      </Section>
      <Section title={t('detail.pictures.title')}>
        <PictureStrip product={p} />
      </Section>
    </>
  );
}
