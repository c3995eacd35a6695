import SearchOutlined from '@mui/icons-material/SearchOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';
import { useDeadLetterLabels } from './dead-letter-labels';
import { civilDate, dayStart, type DeadLetterFilterState } from './use-dead-letter-filter';
import { JalaliDatePicker } from '../../components/JalaliDatePicker';

interface Props {
  value: DeadLetterFilterState;
  onChange: (change: Partial<DeadLetterFilterState>) => void;
  groups: { source: string; kind: string; count: number }[];
}

/** Area, kind, Jalali day range and text; the choices come from what is actually in the list. */
export function DeadLetterFilters({ value, onChange, groups }: Props) {
  const { t } = useTranslation('dead-letters');
  const labels = useDeadLetterLabels();
  const [text, setText] = useState(value.q);
  // The search waits for a pause in typing instead of asking the server at every key.
  useEffect(() => {
    const timer = setTimeout(() => text !== value.q && onChange({ q: text }), 350);
    return () => clearTimeout(timer);
  }, [text, value.q, onChange]);
  useEffect(() => setText(value.q), [value.q]);

  const sources = [...new Set(groups.map((g) => g.source))];
  const kinds = groups.filter((g) => !value.source || g.source === value.source);
  const count = (n: number) => ` (${formatNumber(n)})`;
  const any = value.source || value.kind || value.from || value.to || value.q;
  return (
    <Box
      role="search"
      aria-label={t('filters.label')}
      sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', mb: 2 }}
    >
      <TextField
        select
        size="small"
        label={t('filters.source')}
        value={value.source}
        onChange={(e) => onChange({ source: e.target.value as DeadLetterFilterState['source'], kind: '' })}
        sx={{ minWidth: 170 }}
        data-testid="filter-source"
      >
        <MenuItem value="">{t('filters.anySource')}</MenuItem>
        {sources.map((s) => (
          <MenuItem key={s} value={s}>
            {labels.source(s)}
            {count(groups.filter((g) => g.source === s).reduce((n, g) => n + g.count, 0))}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('filters.kind')}
        value={value.kind}
        onChange={(e) => onChange({ kind: e.target.value })}
        sx={{ minWidth: 160 }}
      >
        <MenuItem value="">{t('filters.anyKind')}</MenuItem>
        {[...new Set(kinds.map((g) => g.kind))].map((k) => (
          <MenuItem key={k} value={k}>
            {labels.kind(k)}
            {count(kinds.filter((g) => g.kind === k).reduce((n, g) => n + g.count, 0))}
          </MenuItem>
        ))}
      </TextField>
      <JalaliDatePicker
        label={t('filters.from')}
        value={value.from ? dayStart(value.from) : null}
        onChange={(d) => onChange({ from: d && !Number.isNaN(d.getTime()) ? civilDate(d) : '' })}
        slotProps={{ textField: { size: 'small', sx: { width: 170 } }, field: { clearable: true } }}
      />
      <JalaliDatePicker
        label={t('filters.to')}
        value={value.to ? dayStart(value.to) : null}
        onChange={(d) => onChange({ to: d && !Number.isNaN(d.getTime()) ? civilDate(d) : '' })}
        slotProps={{ textField: { size: 'small', sx: { width: 170 } }, field: { clearable: true } }}
      />
      <TextField
        size="small"
        label={t('filters.text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        sx={{ minWidth: 220, flexGrow: 1 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchOutlined fontSize="small" />
              </InputAdornment>
            ),
          },
          htmlInput: { 'data-testid': 'filter-text' },
        }}
      />
      {any && (
        <Button onClick={() => onChange({ source: '', kind: '', from: '', to: '', q: '' })}>
          {t('filters.clear')}
        </Button>
      )}
    </Box>
  );
}
