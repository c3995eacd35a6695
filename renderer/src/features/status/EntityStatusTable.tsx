import SyncOutlined from '@mui/icons-material/SyncOutlined';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import type { GridColDef } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import type { EntityStatus, SyncEntity } from '../../../../core/contracts/admin-sync';
import { DataTable } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { SyncStateChip } from '../../components/sync/SyncChips';
import { formatNumber } from '../../lib/format';

interface EntityStatusTableProps {
  entities: EntityStatus[];
  running: boolean;
  onSyncEntity: (entity: SyncEntity) => void;
}

/** One row per entity pulled from Mahak: its state chip, how much the store holds, when it was last read. */
export function EntityStatusTable({ entities, running, onSyncEntity }: EntityStatusTableProps) {
  const { t } = useTranslation('status');
  const count = (v: number) => formatNumber(v);
  const columns: GridColDef<EntityStatus>[] = [
    {
      field: 'entity',
      headerName: t('entities.entity'),
      flex: 1.4,
      minWidth: 170,
      valueGetter: (_value, row) => t(`sync:entity.${row.entity}`),
    },
    {
      field: 'state',
      headerName: t('entities.state'),
      flex: 1.2,
      minWidth: 150,
      renderCell: ({ row }) => <SyncStateChip state={row.state} />,
    },
    { field: 'rows', headerName: t('entities.rows'), type: 'number', flex: 0.7, valueFormatter: count },
    {
      field: 'deletedRows',
      headerName: t('entities.deleted'),
      type: 'number',
      flex: 0.7,
      valueFormatter: count,
    },
    {
      field: 'deadLetters',
      headerName: t('entities.deadLetters'),
      type: 'number',
      flex: 0.7,
      valueFormatter: count,
    },
    {
      field: 'lastPullAt',
      headerName: t('entities.lastPull'),
      flex: 1,
      minWidth: 120,
      renderCell: ({ row }) => <DateText value={row.lastPullAt} variant="relative" />,
    },
    {
      field: 'action',
      headerName: t('entities.action'),
      sortable: false,
      width: 90,
      align: 'center',
      headerAlign: 'center',
      renderCell: ({ row }) => {
        const label = t('actions.syncEntity', { entity: t(`sync:entity.${row.entity}`) });
        return (
          <Tooltip title={label}>
            <span>
              <IconButton
                size="small"
                aria-label={label}
                disabled={running}
                onClick={() => onSyncEntity(row.entity)}
                data-testid={`sync-entity-${row.entity}`}
              >
                <SyncOutlined fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
        );
      },
    },
  ];
  return (
    <Box data-testid="entity-status-table">
      <DataTable
        aria-label={t('entities.table')}
        rows={entities}
        columns={columns}
        getRowId={(row) => row.entity}
        autoHeight
        hideFooter
        disableColumnMenu
      />
    </Box>
  );
}
