import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopProduct, TopProductsReport } from '../../../../core/contracts/admin-reports';
import { readableLineName } from '../../../../core/contracts/variant-properties';
import { DataTable } from '../../components/DataTable';
import { formatMoney, formatNumber, localDigits } from '../../lib/format';
import { useMoneyUnit } from '../../lib/money-unit';

type Row = TopProduct & { rank: number };

/** The ten best sellers of the period, by units or by amount. */
export function TopProductsTable({ report }: { report: TopProductsReport }) {
  const { t } = useTranslation('reports');
  const unit = useMoneyUnit();
  const [by, setBy] = useState<'byQuantity' | 'byAmount'>('byQuantity');
  const rows: Row[] = report[by].map((p, i) => ({ ...p, rank: i + 1 }));
  const columns: GridColDef<Row>[] = [
    { field: 'rank', headerName: t('top.rank'), width: 70, valueFormatter: (v: number) => formatNumber(v) },
    {
      field: 'productName',
      headerName: t('top.product'),
      flex: 1,
      minWidth: 200,
      // Mahak's names carry model numbers in Latin digits («کفش مدل 42»): shown in the language's digits.
      valueFormatter: (v: string) => localDigits(readableLineName(v)),
    },
    {
      field: 'quantity',
      headerName: t('top.quantity'),
      width: 100,
      valueFormatter: (v: number) => formatNumber(v),
    },
    {
      field: 'amount',
      headerName: t('top.amount'),
      width: 170,
      valueFormatter: (v: number) => formatMoney(v, unit),
    },
    {
      field: 'orders',
      headerName: t('top.orders'),
      width: 100,
      valueFormatter: (v: number) => formatNumber(v),
    },
  ];
  return (
    <Box>
      <Tabs value={by} onChange={(_, v: typeof by) => setBy(v)} aria-label={t('top.title')} sx={{ mb: 1 }}>
        <Tab value="byQuantity" label={t('top.byQuantity')} />
        <Tab value="byAmount" label={t('top.byAmount')} data-testid="top-by-amount" />
      </Tabs>
      {rows.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 3 }}>
          {t('top.empty')}
        </Typography>
      ) : (
        <DataTable<Row>
          aria-label={t('top.gridLabel')}
          rows={rows}
          getRowId={(r) => r.variantId}
          columns={columns}
          hideFooter
          disableColumnMenu
          autoHeight
        />
      )}
    </Box>
  );
}
