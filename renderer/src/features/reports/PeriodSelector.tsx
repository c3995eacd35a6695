import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormHelperText from '@mui/material/FormHelperText';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { civil, lastDays, localMidnight, spanOf } from './report-days';
import type { Period } from './use-reports';
import { JalaliDatePicker } from '../../components/JalaliDatePicker';

const MAX_DAYS = 366;
const presets = [
  { key: 'last7', days: 7 },
  { key: 'last30', days: 30 },
  { key: 'last90', days: 90 },
] as const;

interface Props {
  value: Period;
  onChange: (p: Period) => void;
}

/** Two Jalali date pickers and quick choices; a period longer than a year is not sent. */
export function PeriodSelector({ value, onChange }: Props) {
  const { t } = useTranslation('reports');
  const [problem, setProblem] = useState(false);
  const pick = (change: Partial<Period>) => {
    const next = { ...value, ...change };
    const ok = next.from <= next.to && spanOf(next.from, next.to) <= MAX_DAYS;
    setProblem(!ok);
    if (ok) onChange(next);
  };
  const date = (d: Date | null) => (d && !Number.isNaN(d.getTime()) ? civil(d) : null);
  return (
    <Box
      role="group"
      aria-label={t('period.label')}
      sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}
    >
      <JalaliDatePicker
        label={t('period.from')}
        value={localMidnight(value.from)}
        maxDate={localMidnight(value.to)}
        onChange={(d) => {
          const from = date(d);
          if (from) pick({ from });
        }}
        slotProps={{ textField: { size: 'small', sx: { width: 180 } } }}
      />
      <JalaliDatePicker
        label={t('period.to')}
        value={localMidnight(value.to)}
        minDate={localMidnight(value.from)}
        disableFuture
        onChange={(d) => {
          const to = date(d);
          if (to) pick({ to });
        }}
        slotProps={{ textField: { size: 'small', sx: { width: 180 } } }}
      />
      {presets.map((p) => {
        const range = lastDays(p.days);
        const active = range.from === value.from && range.to === value.to;
        return (
          <Chip
            key={p.key}
            label={t(`period.${p.key}`)}
            color={active ? 'primary' : 'default'}
            variant={active ? 'filled' : 'outlined'}
            onClick={() => pick(range)}
            data-testid={`period-${p.days}`}
          />
        );
      })}
      {problem && <FormHelperText error>{t('period.tooLong')}</FormHelperText>}
    </Box>
  );
}
