import LockOutlined from '@mui/icons-material/LockOutlined';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueDetail } from '../../../../../core/contracts/admin-catalogue';
import { DateText } from '../../../components/DateText';
import { formatNumber, localDigits } from '../../../lib/format';
import { FieldList } from '../../../components/FieldList';

const id = (v: number | null) => (v === null ? null : localDigits(v));
/** Mahak's text with the desk's digits (names like «مدل 837» come with Latin digits from Mahak). */
const text = (v: string | null) => (v ? localDigits(v) : null);

/** Mahak's fields, read-only and marked so: the clerk changes them in Mahak, not here. */
export function MahakFieldsCard({ product }: { product: CatalogueDetail }) {
  const { t } = useTranslation('catalogue');
  const m = product.mahak;
  const percent = (v: number | null) =>
    v === null ? null : t('detail.mahak.percent', { value: formatNumber(v) });
  return (
    <Card variant="outlined" component="section" aria-labelledby="mahak-fields-title">
      <CardHeader
        avatar={<LockOutlined color="action" />}
        title={t('detail.mahak.title')}
        slotProps={{ title: { id: 'mahak-fields-title', component: 'h2', variant: 'h6' } }}
        action={<Chip size="small" label={t('detail.mahak.badge')} />}
      />
      <CardContent sx={{ pt: 0 }}>
        <Alert severity="info" icon={false} sx={{ mb: 2 }}>
          {t('detail.mahak.note')}
        </Alert>
        <FieldList
          items={[
            [t('detail.mahak.name'), text(m.name)],
            [t('detail.mahak.productId'), id(product.id)],
            [t('detail.mahak.code'), id(m.code)],
            [t('detail.mahak.clientId'), id(m.clientId)],
            [t('detail.mahak.category'), text(m.categoryName)],
            [t('detail.mahak.unit'), text(m.unitName)],
            [t('detail.mahak.tags'), text(m.tags)],
            [t('detail.mahak.tax'), percent(m.taxPercent)],
            [t('detail.mahak.charge'), percent(m.chargePercent)],
            [t('detail.mahak.description'), text(m.description)],
            [t('detail.mahak.rowVersion'), id(m.rowVersion)],
            ...(m.deletedAt
              ? [
                  [t('detail.mahak.deletedAt'), <DateText key="d" value={m.deletedAt} />] as [
                    string,
                    ReactNode,
                  ],
                ]
              : []),
            [t('detail.mahak.lastPulled'), <DateText key="p" value={product.lastPulledAt} />],
          ]}
        />
      </CardContent>
    </Card>
  );
}
