import SearchOutlined from '@mui/icons-material/SearchOutlined';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { GridColDef } from '@mui/x-data-grid';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import {
  customerLinkStateSchema,
  type AdminCustomerSummary,
  type CustomerLinkState,
} from '../../../../core/contracts/admin-orders';
import { DataTable } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber, localDigits } from '../../lib/format';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useDebounced } from '../../lib/use-debounced';
import { LinkStateChip } from './components/LinkStateChip';
import { useCustomerList } from './use-customers';

/** Web customers with their Mahak person link; search by name, mobile or email. */
export function CustomersScreen() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [linkState, setLinkState] = useState<'' | CustomerLinkState>('');
  const query = { q: useDebounced(q).trim() || undefined, linkState: linkState || undefined };
  const pages = useCursorPages(25);
  const { reset, remember } = pages;
  const queryKey = JSON.stringify(query);
  useEffect(() => reset(), [queryKey, reset]);
  const list = useCustomerList(query, { limit: pages.paginationModel.pageSize, cursor: pages.cursor });
  const page = pages.paginationModel.page;
  useEffect(() => {
    if (list.data && !list.isPlaceholderData) remember(page, list.data.nextCursor);
  }, [list.data, list.isPlaceholderData, page, remember]);
  const columns = useColumns();
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Box
        role="search"
        aria-label={t('filters.label')}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}
      >
        <TextField
          size="small"
          label={t('filters.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          sx={{ minWidth: 240, flexGrow: 1, maxWidth: 360 }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchOutlined />
                </InputAdornment>
              ),
            },
          }}
        />
        <TextField
          select
          size="small"
          label={t('filters.linkState')}
          value={linkState}
          onChange={(e) => setLinkState(e.target.value as '' | CustomerLinkState)}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">{t('filters.all')}</MenuItem>
          {customerLinkStateSchema.options.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`linkState.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Box sx={{ height: 'calc(100vh - 290px)', minHeight: 420 }}>
        <DataTable<AdminCustomerSummary>
          aria-label={t('tableLabel')}
          rows={list.data?.items ?? []}
          columns={columns}
          loading={list.isFetching}
          paginationMode="server"
          rowCount={pages.rowCount(list.data?.items.length)}
          paginationMeta={{ hasNextPage: pages.hasNextPage }}
          paginationModel={pages.paginationModel}
          onPaginationModelChange={pages.onPaginationModelChange}
          onRowClick={(params) => void navigate(`/customers/${params.id}`)}
          disableColumnFilter
          disableColumnSorting
          slots={{
            noRowsOverlay: () => (
              <EmptyState
                title={t('empty.title')}
                description={q || linkState ? t('empty.filtered') : t('empty.none')}
              />
            ),
          }}
          sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Box>
    </>
  );
}

function useColumns(): GridColDef<AdminCustomerSummary>[] {
  const { t, i18n } = useTranslation('customers');
  return useMemo<GridColDef<AdminCustomerSummary>[]>(
    () => [
      {
        field: 'name',
        headerName: t('columns.name'),
        flex: 1,
        minWidth: 180,
        valueGetter: (_v, row) => `${row.firstName} ${row.lastName}`,
        renderCell: ({ row }) => (
          <Link
            component={RouterLink}
            to={`/customers/${row.id}`}
            underline="hover"
            onClick={(e) => e.stopPropagation()}
          >
            {`${row.firstName} ${row.lastName}`}
          </Link>
        ),
      },
      {
        field: 'mobile',
        headerName: t('columns.mobile'),
        width: 130,
        valueFormatter: (v: string) => localDigits(v),
      },
      {
        field: 'email',
        headerName: t('columns.email'),
        width: 200,
        valueFormatter: (v: string | null) => v ?? '—',
      },
      {
        field: 'linkState',
        headerName: t('columns.linkState'),
        width: 150,
        renderCell: ({ row }) => <LinkStateChip state={row.linkState} />,
      },
      {
        field: 'mahakPersonId',
        headerName: t('columns.mahakPersonId'),
        width: 110,
        valueFormatter: (v: number | null) => (v === null ? '—' : localDigits(v)),
      },
      {
        field: 'orderCount',
        headerName: t('columns.orderCount'),
        width: 90,
        valueFormatter: (v: number) => formatNumber(v),
      },
      {
        field: 'createdAt',
        headerName: t('columns.createdAt'),
        width: 130,
        renderCell: ({ row }) => <DateText value={row.createdAt} variant="date" />,
      },
    ],
    // The language changes the headers and digits.
    [t, i18n.language],
  );
}
