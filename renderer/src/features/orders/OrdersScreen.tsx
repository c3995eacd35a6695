import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { GridColDef } from '@mui/x-data-grid';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { AdminOrderSummary } from '../../../../core/contracts/admin-orders';
import { DataTable } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MoneyText } from '../../components/MoneyText';
import { PageHeader } from '../../components/PageHeader';
import { PushPausedBanner } from '../../components/sync/PushPausedBanner';
import { localDigits } from '../../lib/format';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useDebounced } from '../../lib/use-debounced';
import { OrderStatusChip, SyncStatusChip } from './components/OrderChips';
import { isoDay, noOrderFilters, OrderFilterBar, type OrderFilterValues } from './components/OrderFilterBar';
import { useOrderList, type OrderFilters } from './use-orders';

function toQuery(f: OrderFilterValues): OrderFilters {
  return {
    q: f.q.trim() || undefined,
    status: (f.status || undefined) as OrderFilters['status'],
    syncStatus: (f.syncStatus || undefined) as OrderFilters['syncStatus'],
    from: isoDay(f.from),
    to: isoDay(f.to),
  };
}

/** Every web order, newest first, with its status and where it stands with Mahak. */
export function OrdersScreen() {
  const { t } = useTranslation('orders');
  const navigate = useNavigate();
  const [filters, setFilters] = useState<OrderFilterValues>(noOrderFilters);
  const query = toQuery(useDebounced(filters));
  const pages = useCursorPages(25);
  const { reset, remember } = pages;
  const queryKey = JSON.stringify(query);
  useEffect(() => reset(), [queryKey, reset]);
  const list = useOrderList(query, { limit: pages.paginationModel.pageSize, cursor: pages.cursor });
  const page = pages.paginationModel.page;
  useEffect(() => {
    if (list.data && !list.isPlaceholderData) remember(page, list.data.nextCursor);
  }, [list.data, list.isPlaceholderData, page, remember]);
  const columns = useColumns();
  const filtered = JSON.stringify(filters) !== JSON.stringify(noOrderFilters);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <PushPausedBanner />
      <OrderFilterBar value={filters} onChange={setFilters} />
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Box sx={{ height: 'calc(100vh - 290px)', minHeight: 420 }}>
        <DataTable<AdminOrderSummary>
          aria-label={t('tableLabel')}
          rows={list.data?.items ?? []}
          columns={columns}
          loading={list.isFetching}
          paginationMode="server"
          rowCount={pages.rowCount(list.data?.items.length)}
          paginationMeta={{ hasNextPage: pages.hasNextPage }}
          paginationModel={pages.paginationModel}
          onPaginationModelChange={pages.onPaginationModelChange}
          onRowClick={(params) => void navigate(`/orders/${params.id}`)}
          disableColumnFilter
          disableColumnSorting
          slots={{
            noRowsOverlay: () => (
              <EmptyState
                title={t('empty.title')}
                description={filtered ? t('empty.filtered') : t('empty.none')}
              />
            ),
          }}
          sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Box>
    </>
  );
}

function useColumns(): GridColDef<AdminOrderSummary>[] {
  const { t, i18n } = useTranslation('orders');
  return useMemo<GridColDef<AdminOrderSummary>[]>(
    () => [
      {
        field: 'number',
        headerName: t('columns.number'),
        width: 70,
        renderCell: ({ row }) => (
          <Link
            component={RouterLink}
            to={`/orders/${row.id}`}
            underline="hover"
            onClick={(e) => e.stopPropagation()}
          >
            {localDigits(row.number)}
          </Link>
        ),
      },
      {
        field: 'createdAt',
        headerName: t('columns.createdAt'),
        width: 140,
        renderCell: ({ row }) => <DateText value={row.createdAt} />,
      },
      {
        field: 'customer',
        headerName: t('columns.customer'),
        flex: 1,
        minWidth: 130,
        valueGetter: (_v, row) => row.customer.name,
      },
      {
        field: 'mobile',
        headerName: t('columns.mobile'),
        width: 115,
        valueGetter: (_v, row) => localDigits(row.customer.mobile),
      },
      {
        field: 'total',
        headerName: t('columns.total'),
        width: 125,
        renderCell: ({ row }) => <MoneyText rial={row.total} />,
      },
      {
        field: 'status',
        headerName: t('columns.status'),
        width: 140,
        renderCell: ({ row }) => <OrderStatusChip order={row} />,
      },
      {
        field: 'syncStatus',
        headerName: t('columns.syncStatus'),
        width: 150,
        renderCell: ({ row }) => <SyncStatusChip order={row} />,
      },
      {
        field: 'mahakOrderId',
        headerName: t('columns.mahakOrderId'),
        width: 95,
        valueFormatter: (v: number | null) => (v === null ? '—' : localDigits(v)),
      },
    ],
    // The language changes the headers and digits.
    [t, i18n.language],
  );
}
