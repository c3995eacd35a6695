import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { EntityProgress } from '../../../../core/contracts/admin-sync';
import { formatNumber } from '../../lib/format';

/**
 * Per-entity counts of one run. A plain small table (at most 13 rows, updated several times a
 * second while a run goes), not the data grid.
 */
export function EntityProgressTable({ entities }: { entities: readonly EntityProgress[] }) {
  const { t } = useTranslation('sync');
  const n = (v: number) => formatNumber(v);
  return (
    <Table size="small" sx={{ mt: 2 }} aria-label={t('progress.title')} data-testid="entity-progress">
      <TableHead>
        <TableRow>
          <TableCell>{t('progress.columns.entity')}</TableCell>
          <TableCell align="right">{t('progress.columns.read')}</TableCell>
          <TableCell align="right">{t('progress.columns.applied')}</TableCell>
          <TableCell align="right">{t('progress.columns.pages')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entities.map((e) => (
          <TableRow key={e.entity} data-entity={e.entity}>
            <TableCell>{t(`entity.${e.entity}`)}</TableCell>
            <TableCell align="right">{n(e.read)}</TableCell>
            <TableCell align="right">{n(e.applied)}</TableCell>
            <TableCell align="right">
              {t('progress.pages', { applied: n(e.pagesApplied), read: n(e.pagesRead) })}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
