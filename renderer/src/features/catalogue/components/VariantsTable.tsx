import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CatalogueVariant } from '../../../../../core/contracts/admin-catalogue';
import { variantPropertiesText } from '../../../../../core/contracts/variant-properties';
import { MoneyText } from '../../../components/MoneyText';
import { StatusChip } from '../../../components/StatusChip';
import { formatNumber, localDigits } from '../../../lib/format';

/** The product's variants (Mahak ProductDetails) as Mahak has them: read-only. */
export function VariantsTable({ variants }: { variants: CatalogueVariant[] }) {
  const { t } = useTranslation('catalogue');
  if (variants.length === 0)
    return <Typography color="text.secondary">{t('detail.variants.none')}</Typography>;
  const state = (v: CatalogueVariant) =>
    v.deleted ? (
      <StatusChip tone="error" label={t('detail.variants.deleted')} />
    ) : v.published ? (
      <StatusChip tone="success" label={t('detail.variants.published')} />
    ) : (
      <StatusChip tone="neutral" label={t('detail.variants.unpublished')} />
    );
  return (
    <TableContainer>
      <Table size="small" aria-label={t('detail.variants.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('detail.variants.code')}</TableCell>
            <TableCell>{t('detail.variants.barcode')}</TableCell>
            <TableCell>{t('detail.variants.properties')}</TableCell>
            <TableCell>{t('detail.variants.price')}</TableCell>
            <TableCell>{t('detail.variants.stock')}</TableCell>
            <TableCell>{t('detail.variants.reserved')}</TableCell>
            <TableCell>{t('detail.variants.state')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {variants.map((v) => (
            <TableRow key={v.id}>
              <TableCell>{v.code === null ? '—' : localDigits(v.code)}</TableCell>
              <TableCell>{v.barcode ? localDigits(v.barcode) : '—'}</TableCell>
              <TableCell>{localDigits(variantPropertiesText(v.properties) ?? '—')}</TableCell>
              <TableCell>
                <MoneyText rial={v.price} />
              </TableCell>
              <TableCell>{formatNumber(v.stock)}</TableCell>
              <TableCell>{formatNumber(v.reserved)}</TableCell>
              <TableCell>{state(v)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
