import SearchOutlined from '@mui/icons-material/SearchOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { orderStatusSchema, syncStatusSchema } from '../../../../../core/contracts/orders';
import { JalaliDatePicker } from '../../../components/JalaliDatePicker';

export interface OrderFilterValues {
  q: string;
  status: string;
  syncStatus: string;
  from: Date | null;
  to: Date | null;
}

export const noOrderFilters: OrderFilterValues = { q: '', status: '', syncStatus: '', from: null, to: null };

/** A picked (Jalali) day as the API's calendar date, YYYY-MM-DD in the Gregorian calendar. */
export function isoDay(date: Date | null): string | undefined {
  if (!date || Number.isNaN(date.getTime())) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

interface Props {
  value: OrderFilterValues;
  onChange(next: OrderFilterValues): void;
}

/** Search, status, Mahak state and a Jalali date range. */
export function OrderFilterBar({ value, onChange }: Props) {
  const { t } = useTranslation('orders');
  // The pickers' Persian locale keeps «YYYY/MM/DD» as the empty field's placeholder.
  const localeText = {
    fieldYearPlaceholder: () => t('filters.year'),
    fieldMonthPlaceholder: () => t('filters.month'),
    fieldDayPlaceholder: () => t('filters.day'),
  };
  const set = <K extends keyof OrderFilterValues>(key: K, v: OrderFilterValues[K]) =>
    onChange({ ...value, [key]: v });
  const select = (key: 'status' | 'syncStatus', options: readonly string[]) => (
    <TextField
      select
      size="small"
      label={t(`filters.${key}`)}
      value={value[key]}
      onChange={(e) => set(key, e.target.value)}
      sx={{ minWidth: 150 }}
    >
      <MenuItem value="">{t('filters.all')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o} value={o}>
          {t(`${key}.${o}`)}
        </MenuItem>
      ))}
    </TextField>
  );
  const filtered = JSON.stringify(value) !== JSON.stringify(noOrderFilters);
  return (
    <Box
      role="search"
      aria-label={t('filters.label')}
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', mb: 2 }}
    >
      <TextField
        size="small"
        label={t('filters.search')}
        value={value.q}
        onChange={(e) => set('q', e.target.value)}
        sx={{ minWidth: 220, flexGrow: 1, maxWidth: 320 }}
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
      {select('status', orderStatusSchema.options)}
      {select('syncStatus', syncStatusSchema.options)}
      <JalaliDatePicker
        label={t('filters.from')}
        value={value.from}
        onChange={(d) => set('from', d)}
        localeText={localeText}
        slotProps={{ textField: { size: 'small', sx: { width: 150 } }, field: { clearable: true } }}
      />
      <JalaliDatePicker
        label={t('filters.to')}
        value={value.to}
        onChange={(d) => set('to', d)}
        localeText={localeText}
        slotProps={{ textField: { size: 'small', sx: { width: 150 } }, field: { clearable: true } }}
      />
      {filtered && <Button onClick={() => onChange(noOrderFilters)}>{t('filters.clear')}</Button>}
    </Box>
  );
}
