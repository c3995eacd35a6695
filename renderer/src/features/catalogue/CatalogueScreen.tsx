import CloudDownloadOutlined from '@mui/icons-material/CloudDownloadOutlined';
import StarRounded from '@mui/icons-material/StarRounded';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Snackbar from '@mui/material/Snackbar';
import type { GridColDef } from '@mui/x-data-grid';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { CatalogueItem } from '../../../../core/contracts/admin-catalogue';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MoneyText } from '../../components/MoneyText';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatNumber, localDigits } from '../../lib/format';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useDebounced } from '../../lib/use-debounced';
import { CatalogueFilterBar, noFilters, type FilterValues } from './components/CatalogueFilterBar';
import { SyncStateChip } from './components/SyncStateChip';
import { useCatalogueList, usePullNow, type CatalogueFilters } from './use-catalogue';

function toQuery(f: FilterValues): CatalogueFilters {
  return {
    q: f.q.trim() || undefined,
    categoryId: f.categoryId ? Number(f.categoryId) : undefined,
    visibility: f.visibility || undefined,
    inStock: f.stock === '' ? undefined : f.stock === 'true',
    syncState: (f.syncState || undefined) as CatalogueFilters['syncState'],
    featured: f.featured ? true : undefined,
  };
}

/** Every product Mahak sent, with its sync state; search, filters, and «get from Mahak». */
export function CatalogueScreen() {
  const { t } = useTranslation('catalogue');
  const navigate = useNavigate();
  const [filters, setFilters] = useState<FilterValues>(noFilters);
  const query = toQuery(useDebounced(filters));
  const pages = useCursorPages(25);
  const { reset } = pages;
  const queryKey = JSON.stringify(query);
  useEffect(() => reset(), [queryKey, reset]);
  const list = useCatalogueList(query, { limit: pages.paginationModel.pageSize, cursor: pages.cursor });
  const { remember } = pages;
  const page = pages.paginationModel.page;
  useEffect(() => {
    if (list.data && !list.isPlaceholderData) remember(page, list.data.nextCursor);
  }, [list.data, list.isPlaceholderData, page, remember]);
  const pull = usePullNow();
  const columns = useColumns();
  const lastPulled = list.data?.lastPulledAt;
  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={lastPulled ? t('lastPulled', { time: formatDateTime(lastPulled) }) : t('neverPulled')}
        actions={
          <Button
            variant="contained"
            startIcon={<CloudDownloadOutlined />}
            onClick={() => pull.mutate()}
            disabled={pull.isPending}
          >
            {pull.isPending ? t('pulling') : t('pull')}
          </Button>
        }
      />
      {pull.isError && <ErrorAlert error={pull.error} />}
      <CatalogueFilterBar value={filters} onChange={setFilters} />
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Box sx={{ height: 'calc(100vh - 290px)', minHeight: 420 }}>
        <DataTable<CatalogueItem>
          aria-label={t('tableLabel')}
          rows={list.data?.items ?? []}
          columns={columns}
          loading={list.isFetching}
          paginationMode="server"
          rowCount={list.data?.total ?? 0}
          paginationModel={pages.paginationModel}
          onPaginationModelChange={pages.onPaginationModelChange}
          onRowClick={(params) => void navigate(`/catalogue/${params.id}`)}
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
      <Snackbar open={pull.isSuccess} autoHideDuration={5000} onClose={() => pull.reset()}>
        <Alert severity={pull.data?.outcome === 'busy' ? 'warning' : 'success'} variant="filled">
          {pull.data?.outcome === 'busy' ? t('pullBusy') : t('pulled')}
        </Alert>
      </Snackbar>
    </>
  );
}

function useColumns(): GridColDef<CatalogueItem>[] {
  const { t, i18n } = useTranslation('catalogue');
  return useMemo<GridColDef<CatalogueItem>[]>(
    () => [
      {
        field: 'code',
        headerName: t('columns.code'),
        width: 90,
        valueFormatter: (v: number | null) => (v === null ? '—' : localDigits(v)),
      },
      {
        field: 'name',
        headerName: t('columns.name'),
        flex: 1,
        minWidth: 220,
        renderCell: ({ row }) => (
          <Link
            component={RouterLink}
            to={`/catalogue/${row.id}`}
            underline="hover"
            onClick={(e) => e.stopPropagation()}
          >
            {localDigits(row.name)}
          </Link>
        ),
      },
      {
        field: 'categoryName',
        headerName: t('columns.category'),
        width: 150,
        valueFormatter: (v: string | null) => (v ? localDigits(v) : '—'),
      },
      {
        field: 'price',
        headerName: t('columns.price'),
        width: 140,
        renderCell: ({ row }) => <MoneyText rial={row.price} />,
      },
      {
        field: 'stock',
        headerName: t('columns.stock'),
        width: 100,
        valueFormatter: (v: number) => formatNumber(v),
      },
      {
        field: 'syncState',
        headerName: t('columns.syncState'),
        width: 170,
        renderCell: ({ row }) => <SyncStateChip state={row.syncState} />,
      },
      {
        field: 'visibility',
        headerName: t('columns.visibility'),
        width: 130,
        renderCell: ({ row }) => (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, height: '100%' }}>
            {row.visibility === 'hidden' ? (
              <Chip size="small" label={t('visibility.hidden')} />
            ) : (
              t('visibility.visible')
            )}
            {row.featured && <StarRounded color="secondary" titleAccess={t('featured')} fontSize="small" />}
          </Box>
        ),
      },
    ],
    // The language changes the headers and digits.
    [t, i18n.language],
  );
}
