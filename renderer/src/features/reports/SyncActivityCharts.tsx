import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import type { SyncActivityReport } from '../../../../core/contracts/admin-reports';
import { formatNumber } from '../../lib/format';
import { useDayAxes } from './chart-axes';

const count = (v: number | null) => (v === null ? '' : formatNumber(v));

/** Records pulled and items pushed per day (two scales), and the day's errors stacked. */
export function SyncActivityCharts({ report }: { report: SyncActivityReport }) {
  const { t } = useTranslation('reports');
  const axes = useDayAxes();
  const dates = report.days.map((d) => d.date);
  const series = (key: keyof SyncActivityReport['totals']) => report.days.map((d) => d[key]);
  const errors = report.totals.failedRuns + report.totals.deadLetters + report.totals.disputes;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" data-testid="sync-runs">
        {t('sync.runs', {
          pull: formatNumber(report.totals.pullRuns),
          push: formatNumber(report.totals.pushRuns),
        })}
      </Typography>
      <Box role="img" aria-label={t('sync.chartLabel')}>
        <LineChart
          height={260}
          xAxis={[axes.xAxis(dates)]}
          yAxis={[axes.yAxis('records'), axes.yAxis('items', undefined, 'end')]}
          series={[
            {
              data: series('recordsPulled'),
              label: t('sync.recordsPulled'),
              yAxisId: 'records',
              valueFormatter: count,
            },
            {
              data: series('itemsPushed'),
              label: t('sync.itemsPushed'),
              yAxisId: 'items',
              valueFormatter: count,
            },
          ]}
        />
      </Box>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2, fontWeight: 700 }}>
        {t('sync.errorsTitle')}
      </Typography>
      {errors === 0 ? (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          {t('sync.noErrors')}
        </Typography>
      ) : (
        <Box role="img" aria-label={t('sync.errorsChartLabel')}>
          <BarChart
            height={220}
            xAxis={[axes.xAxis(dates)]}
            yAxis={[axes.yAxis('errors')]}
            series={[
              {
                data: series('failedRuns'),
                label: t('sync.failedRuns'),
                stack: 'e',
                valueFormatter: count,
                color: '#c62828',
              },
              {
                data: series('deadLetters'),
                label: t('sync.deadLetters'),
                stack: 'e',
                valueFormatter: count,
                color: '#ef6c00',
              },
              {
                data: series('disputes'),
                label: t('sync.disputes'),
                stack: 'e',
                valueFormatter: count,
                color: '#6a1b9a',
              },
            ]}
          />
        </Box>
      )}
    </Box>
  );
}
