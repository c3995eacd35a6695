import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { GridColDef } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { DisputeSummary } from '../../../../core/contracts/admin';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, localDigits } from '../../lib/format';
import { useDisputeLabels } from './dispute-labels';
import { useDisputes } from './use-disputes';

/** `/disputes`: open (default) or resolved disputes; a row opens its workbench. */
export function DisputesScreen() {
  const { t } = useTranslation('disputes');
  const labels = useDisputeLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'resolved' ? 'resolved' : 'open';
  const list = useDisputes(status);
  const columns: GridColDef<DisputeSummary>[] = [
    {
      field: 'createdAt',
      headerName: t('column.createdAt'),
      width: 150,
      valueFormatter: (v: string) => formatDateTime(v),
    },
    {
      field: 'orderId',
      headerName: t('column.subject'),
      width: 190,
      valueGetter: (_v, row) =>
        row.orderNumber === null ? t(`kind.${row.kind}`) : t('subject', { n: localDigits(row.orderNumber) }),
    },
    {
      field: 'reason',
      headerName: t('column.reason'),
      width: 250,
      valueFormatter: (v: string) => labels.reason(v),
    },
    {
      field: 'mahakMessage',
      headerName: t('column.mahakMessage'),
      flex: 1,
      minWidth: 200,
      renderCell: ({ value }) => <span dir="auto">{value ?? '—'}</span>,
    },
    ...(status === 'resolved'
      ? [
          {
            field: 'resolution',
            headerName: t('column.resolution'),
            width: 200,
            valueFormatter: (v: string | null) => (v ? labels.resolution(v) : '—'),
          } satisfies GridColDef<DisputeSummary>,
        ]
      : []),
  ];
  return (
    <Box>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs
        value={status}
        onChange={(_, v: string) => setParams(v === 'open' ? {} : { status: v }, { replace: true })}
        aria-label={t('tabs.label')}
        sx={{ mb: 2 }}
      >
        <Tab value="open" label={t('tabs.open')} data-testid="tab-open" />
        <Tab value="resolved" label={t('tabs.resolved')} data-testid="tab-resolved" />
      </Tabs>
      {list.error && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {list.isPending && <LoadingState />}
      {list.data && list.data.items.length === 0 && (
        <EmptyState
          title={t(status === 'open' ? 'empty.open' : 'empty.resolved')}
          description={status === 'open' ? t('empty.openDescription') : undefined}
        />
      )}
      {list.data && list.data.items.length > 0 && (
        <Box sx={{ height: 520 }}>
          <DataTable<DisputeSummary>
            aria-label={t('gridLabel')}
            rows={list.data.items}
            columns={columns}
            onRowClick={({ row }) => navigate(`/disputes/${encodeURIComponent(row.id)}`)}
            disableColumnMenu
            sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
          />
        </Box>
      )}
    </Box>
  );
}
