import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { alpha } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComparedRecord } from '../../../../core/contracts/admin-disputes';
import { localDigits } from '../../lib/format';
import { readableName, useDisputeLabels } from './dispute-labels';

/**
 * Our record and Mahak's side by side, field by field. A differing field is marked three ways (tint,
 * icon, the word «متفاوت») so it is found without relying on colour.
 */
export function ComparisonTable({ records }: { records: ComparedRecord[] }) {
  const { t } = useTranslation('disputes');
  const labels = useDisputeLabels();
  if (records.length === 0) return <Typography color="text.secondary">{t('workbench.noRecords')}</Typography>;
  return (
    <Table size="small" aria-label={t('workbench.compareTitle')} data-testid="comparison">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: '22%' }}>{t('workbench.field')}</TableCell>
          <TableCell sx={{ width: '32%' }}>{t('workbench.ours')}</TableCell>
          <TableCell sx={{ width: '32%' }}>{t('workbench.mahak')}</TableCell>
          <TableCell sx={{ width: '14%' }} />
        </TableRow>
      </TableHead>
      <TableBody>
        {records.map((record) => (
          <Fragment key={record.key}>
            <TableRow>
              <TableCell colSpan={4} sx={{ bgcolor: 'grey.100', fontWeight: 700 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <span dir="auto">{titleOf(record, t)}</span>
                  {!record.inMahak && <Chip size="small" color="warning" label={t('workbench.notInMahak')} />}
                </Box>
              </TableCell>
            </TableRow>
            {record.fields.map((f) => (
              <TableRow
                key={f.field}
                data-differs={f.differs}
                sx={f.differs ? { bgcolor: (th) => alpha(th.palette.warning.light, 0.25) } : undefined}
              >
                <TableCell component="th" scope="row">
                  {labels.field(f.field)}
                </TableCell>
                <TableCell dir="auto">{labels.value(f.ours, f.format)}</TableCell>
                <TableCell dir="auto" sx={f.differs ? { fontWeight: 700 } : undefined}>
                  {labels.value(f.mahak, f.format)}
                </TableCell>
                <TableCell>
                  {f.differs ? (
                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'warning.dark' }}>
                      <WarningAmberOutlined fontSize="small" aria-hidden />
                      {t('workbench.differs')}
                    </Box>
                  ) : (
                    <Typography variant="body2" color="text.secondary">
                      {t('workbench.same')}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}

function titleOf(record: ComparedRecord, t: (key: string) => string): string {
  if (record.kind === 'invoice') return `${t('workbench.invoice')} ${localDigits(record.label)}`;
  if (record.kind === 'extra_line') return `${t('workbench.extraLine')} ${localDigits(record.label)}`;
  if (record.lineIndex !== null) return `${localDigits(record.lineIndex + 1)}. ${readableName(record.label)}`;
  return readableName(record.label);
}
