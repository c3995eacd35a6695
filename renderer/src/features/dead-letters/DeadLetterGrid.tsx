import type { GridColDef, GridPaginationModel } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import type { DeadLetterView } from '../../../../core/contracts/admin-dead-letters';
import { DataTable } from '../../components/DataTable';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useDeadLetterLabels } from './dead-letter-labels';
import { reasonKindOf } from '../../lib/failure-text';

interface Props {
  rows: DeadLetterView[];
  total: number;
  loading: boolean;
  page: GridPaginationModel;
  onPageChange: (page: GridPaginationModel) => void;
  onOpen: (id: number) => void;
}

/** The letters, newest first, paged on the server; a row opens its details. */
export function DeadLetterGrid({ rows, total, loading, page, onPageChange, onOpen }: Props) {
  const { t } = useTranslation('dead-letters');
  const labels = useDeadLetterLabels();
  const columns: GridColDef<DeadLetterView>[] = [
    {
      field: 'createdAt',
      headerName: t('column.createdAt'),
      width: 150,
      sortable: false,
      valueFormatter: (value: string) => formatDateTime(value),
    },
    {
      field: 'source',
      headerName: t('column.source'),
      width: 150,
      sortable: false,
      valueFormatter: (value: string) => labels.source(value),
    },
    {
      field: 'kind',
      headerName: t('column.kind'),
      width: 130,
      sortable: false,
      valueFormatter: (value: string) => labels.kind(value),
    },
    {
      field: 'reason',
      headerName: t('column.reason'),
      flex: 1,
      minWidth: 240,
      sortable: false,
      // The kind of failure in the clerk's language; the error text itself (often English, from the
      // system or Mahak) is in the details drawer.
      valueFormatter: (value: string) => t(`common:failure.kind.${reasonKindOf(value)}`),
    },
    {
      field: 'attempts',
      headerName: t('column.attempts'),
      width: 90,
      sortable: false,
      valueFormatter: (value: number) => formatNumber(value),
    },
    {
      field: 'retryable',
      headerName: t('column.retryable'),
      width: 100,
      sortable: false,
      valueFormatter: (value: boolean) => (value ? t('yes') : t('no')),
    },
  ];
  return (
    <DataTable<DeadLetterView>
      aria-label={t('gridLabel')}
      rows={rows}
      columns={columns}
      rowCount={total}
      loading={loading}
      paginationMode="server"
      paginationModel={page}
      onPaginationModelChange={onPageChange}
      onRowClick={({ row }) => onOpen(row.id)}
      disableColumnMenu
      sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' }, minHeight: 300 }}
    />
  );
}
