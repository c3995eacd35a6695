import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PreviewEntity, PreviewSample } from '../../../../core/contracts/admin-sync';
import { formatNumber, localDigits } from '../../lib/format';

const counts = ['created', 'updated', 'unpublished', 'unchanged', 'invalid'] as const;

/** Per entity the expected changes, then a few examples of each kind under the row. */
export function PreviewTable({ entities }: { entities: readonly PreviewEntity[] }) {
  const { t } = useTranslation('sync');
  return (
    <Table size="small" aria-label={t('preview.table')} data-testid="preview-table">
      <TableHead>
        <TableRow>
          <TableCell>{t('preview.columns.entity')}</TableCell>
          {counts.map((c) => (
            <TableCell key={c} align="right">
              {t(`preview.columns.${c}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {entities.map((e) => (
          <TableRow key={e.entity} data-entity={e.entity} sx={{ verticalAlign: 'top' }}>
            <TableCell>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {t(`entity.${e.entity}`)}
              </Typography>
              <Samples entity={e} />
            </TableCell>
            {counts.map((c) => (
              <TableCell key={c} align="right" data-count={c}>
                {formatNumber(e[c])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Mahak's field names in the clerk's words where we know them (Price3 -> «قیمت ۳»), else as they are. */
function fieldLabel(t: TFunction, field: string): string {
  const price = /^Price(\d+)$/.exec(field);
  if (price) return t('field.price', { n: localDigits(price[1]) });
  return t(`field.${field}`, { defaultValue: field });
}

function Samples({ entity }: { entity: PreviewEntity }) {
  const { t } = useTranslation('sync');
  const kinds = [
    ['created', 'exampleCreated'],
    ['updated', 'exampleUpdated'],
    ['unpublished', 'exampleUnpublished'],
  ] as const;
  const label = (s: PreviewSample) => s.label ?? t('preview.noLabel', { id: localDigits(s.id) });
  const lines = kinds.flatMap(([kind, key]) =>
    entity.samples[kind].map((s) => ({
      key: `${kind}:${s.id}`,
      text: `${t(`preview.${key}`)}: ${label(s)}`,
      s,
    })),
  );
  if (lines.length === 0) return null;
  return (
    <Box component="ul" sx={{ m: 0, mt: 0.5, paddingInlineStart: 2, color: 'text.secondary' }}>
      {lines.map(({ key, text, s }) => (
        <Typography component="li" variant="caption" key={key} sx={{ display: 'list-item' }}>
          {text}
          {s.fields.length > 0 &&
            ` (${t('preview.fields', { fields: s.fields.map((f) => fieldLabel(t, f)).join(t('preview.separator')) })})`}
        </Typography>
      ))}
    </Box>
  );
}
