import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { GridColDef } from '@mui/x-data-grid';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { RunSummary } from '../../../../core/contracts/admin-sync';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RunStatusChip } from '../../components/sync/SyncChips';
import { formatDateTime, formatNumber } from '../../lib/format';
import { durationLabel, scopeLabel } from './run-text';
import { useRunHistory, type RunFilters } from './use-runs';

/** The run history: newest first, filtered by kind and outcome; each run opens its details. */
export function RunsScreen() {
  const { t, i18n } = useTranslation('runs');
  const [filters, setFilters] = useState<RunFilters>({});
  const history = useRunHistory(filters);
  const en = i18n.language === 'en';
  const columns: GridColDef<RunSummary>[] = [
    {
      field: 'startedAt',
      headerName: t('columns.startedAt'),
      flex: 1.1,
      minWidth: 150,
      renderCell: ({ row }) => (
        <Link component={RouterLink} to={`/runs/${row.id}`} data-testid="run-link">
          {formatDateTime(row.startedAt)}
        </Link>
      ),
    },
    {
      field: 'kind',
      headerName: t('columns.kind'),
      flex: 1,
      minWidth: 120,
      valueGetter: (_v, row) => t(`kind.${row.kind}`),
    },
    {
      field: 'scope',
      headerName: t('columns.scope'),
      flex: 1.1,
      minWidth: 130,
      valueGetter: (_v, row) => scopeLabel(t, row),
    },
    {
      field: 'status',
      headerName: t('columns.status'),
      flex: 0.9,
      minWidth: 110,
      renderCell: ({ row }) => <RunStatusChip status={row.status} />,
    },
    {
      field: 'durationMs',
      headerName: t('columns.duration'),
      flex: 0.9,
      minWidth: 110,
      valueFormatter: (v: number | null) => durationLabel(t, v),
    },
    {
      field: 'read',
      headerName: t('columns.read'),
      type: 'number',
      flex: 0.6,
      valueFormatter: (v: number) => formatNumber(v),
    },
    {
      field: 'changed',
      headerName: t('columns.changed'),
      type: 'number',
      flex: 0.6,
      valueFormatter: (v: number) => formatNumber(v),
    },
    {
      field: 'error',
      headerName: t('columns.problem'),
      flex: 1.6,
      minWidth: 160,
      sortable: false,
      valueGetter: (_v, row) => (row.error ? (en ? row.error.en : row.error.fa) : ''),
    },
  ];
  const select = (key: keyof RunFilters, options: readonly string[], label: string, prefix: string) => (
    <TextField
      select
      size="small"
      label={label}
      value={filters[key] ?? ''}
      onChange={(e) => setFilters((f) => ({ ...f, [key]: e.target.value || undefined }))}
      sx={{ minWidth: 160 }}
    >
      <MenuItem value="">{t('filters.all')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o} value={o}>
          {t(`${prefix}.${o}`)}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        {select('kind', ['pull', 'push', 'drift'], t('filters.kind'), 'kind')}
        {select('status', ['ok', 'failed', 'running'], t('filters.status'), 'sync:runStatus')}
      </Stack>
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      <Box data-testid="runs-table">
        <DataTable
          aria-label={t('table')}
          rows={history.data?.items ?? []}
          columns={columns}
          loading={history.isPending}
          autoHeight
          disableColumnMenu
          slots={{ noRowsOverlay: () => <EmptyState title={t('empty')} description={t('emptyHint')} /> }}
        />
      </Box>
    </>
  );
}
