import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import type { SalesReport } from '../../../../core/contracts/admin-reports';
import { formatMoney, formatNumber } from '../../lib/format';
import { useMoneyUnit } from '../../lib/money-unit';
import { useDayAxes } from './chart-axes';

/** Sales amount per Jalali day, with the period's totals above it. */
export function SalesChart({ report }: { report: SalesReport }) {
  const { t } = useTranslation('reports');
  const unit = useMoneyUnit();
  const axes = useDayAxes();
  const perUnit = unit === 'toman' ? 10 : 1;
  const { totals } = report;
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mb: 1 }} data-testid="sales-totals">
        <Figure label={t('sales.amount')} value={formatMoney(totals.amount, unit)} />
        <Figure label={t('sales.orders')} value={formatNumber(totals.orders)} />
        <Figure label={t('sales.items')} value={formatNumber(totals.items)} />
      </Box>
      {totals.orders === 0 ? (
        <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
          {t('sales.empty')}
        </Typography>
      ) : (
        <Box role="img" aria-label={t('sales.chartLabel')}>
          <BarChart
            height={280}
            xAxis={[axes.xAxis(report.days.map((d) => d.date))]}
            yAxis={[axes.yAxis('amount', (v) => formatNumber(v / perUnit))]}
            series={[
              {
                data: report.days.map((d) => d.amount),
                label: t('sales.amount'),
                valueFormatter: (v) => (v === null ? '' : formatMoney(v, unit)),
              },
            ]}
            hideLegend
          />
        </Box>
      )}
    </Box>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" sx={{ fontWeight: 700 }}>
        {value}
      </Typography>
    </Box>
  );
}
