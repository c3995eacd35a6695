import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { PeriodSelector } from './PeriodSelector';
import { SalesChart } from './SalesChart';
import { SyncActivityCharts } from './SyncActivityCharts';
import { TopProductsTable } from './TopProductsTable';
import { usePeriod } from './use-period';
import { useSalesReport, useSyncActivity, useTopProducts } from './use-reports';

/** `/reports`: one period for all three reports, chosen on the Jalali calendar. */
export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const { period, setPeriod } = usePeriod();
  const sales = useSalesReport(period);
  const top = useTopProducts(period);
  const sync = useSyncActivity(period);
  return (
    <Box>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <PeriodSelector value={period} onChange={setPeriod} />
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Card title={t('sales.title')} testId="report-sales">
          <Query query={sales}>{(data) => <SalesChart report={data} />}</Query>
        </Card>
        {/* Side by side only on a wide screen: at 1280 px half a row cut off the best sellers' amount
            column and shortened every name. */}
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xl: '1fr 1fr' } }}>
          <Card title={t('top.title')} testId="report-top">
            <Query query={top}>{(data) => <TopProductsTable report={data} />}</Query>
          </Card>
          <Card title={t('sync.title')} testId="report-sync">
            <Query query={sync}>{(data) => <SyncActivityCharts report={data} />}</Query>
          </Card>
        </Box>
      </Box>
    </Box>
  );
}

function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid={testId}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

function Query<T>({ query, children }: { query: QueryState<T>; children: (data: T) => ReactNode }) {
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (query.isPending || query.data === undefined) return <LoadingState />;
  return <>{children(query.data)}</>;
}
