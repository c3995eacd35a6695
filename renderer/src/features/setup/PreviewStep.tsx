import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewEntity } from '../../../../core/contracts/admin-sync';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { formatNumber } from '../../lib/format';
import { StepActions } from './StepActions';
import { usePreview } from './use-setup';

const columns = ['read', 'created', 'updated', 'unpublished', 'invalid'] as const;

/** Step 3: the dry run, per part of Mahak's data: how much would be created, updated, unpublished. */
export function PreviewStep(props: { onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation('setup');
  const preview = usePreview();
  const { mutate } = preview;
  // Run once on arrival: the clerk came here to see it.
  useEffect(() => mutate(), [mutate]);
  const rows = preview.data?.entities.filter((e) => e.read > 0) ?? [];
  return (
    <>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('preview.help')}
      </Typography>
      {preview.isPending && <LoadingState label={t('preview.running')} />}
      {preview.error && <ErrorAlert error={preview.error} onRetry={() => mutate()} />}
      {preview.data && rows.length === 0 && <Alert severity="info">{t('preview.empty')}</Alert>}
      {rows.length > 0 && <PreviewTable rows={rows} />}
      <StepActions onBack={props.onBack} onNext={props.onNext} nextDisabled={!preview.data} />
    </>
  );
}

function PreviewTable({ rows }: { rows: PreviewEntity[] }) {
  const { t } = useTranslation('setup');
  return (
    <Table size="small" data-testid="setup-preview">
      <caption>{t('preview.caption')}</caption>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            {t('preview.entity')}
          </TableCell>
          {columns.map((c) => (
            <TableCell key={c} component="th" scope="col" align="right">
              {t(`preview.${c}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.entity} data-testid={`preview-${row.entity}`}>
            <TableCell component="th" scope="row">
              {t(`entities.${row.entity}`)}
            </TableCell>
            {columns.map((c) => (
              <TableCell key={c} align="right">
                {formatNumber(row[c])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
