import SearchOutlined from '@mui/icons-material/SearchOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { productSyncStateSchema } from '../../../../../core/contracts/admin-catalogue';
import { localDigits } from '../../../lib/format';
import { useCategories } from '../use-catalogue';

/** What the clerk typed and picked; '' = all. The screen turns it into the API query. */
export interface FilterValues {
  q: string;
  categoryId: string;
  visibility: '' | 'visible' | 'hidden';
  stock: '' | 'true' | 'false';
  syncState: string;
  featured: boolean;
}

export const noFilters: FilterValues = {
  q: '',
  categoryId: '',
  visibility: '',
  stock: '',
  syncState: '',
  featured: false,
};

interface Props {
  value: FilterValues;
  onChange(next: FilterValues): void;
}

/** Search box and the catalogue's filters in one wrapping row. */
export function CatalogueFilterBar({ value, onChange }: Props) {
  const { t } = useTranslation('catalogue');
  const categories = useCategories();
  const set = <K extends keyof FilterValues>(key: K, v: FilterValues[K]) => onChange({ ...value, [key]: v });
  const select = (key: 'categoryId' | 'visibility' | 'stock' | 'syncState', options: [string, string][]) => (
    <TextField
      select
      size="small"
      label={t(`filters.${key === 'categoryId' ? 'category' : key}`)}
      value={value[key]}
      onChange={(e) => set(key, e.target.value as never)}
      sx={{ minWidth: key === 'syncState' ? 175 : 135 }}
    >
      <MenuItem value="">{t('filters.all')}</MenuItem>
      {options.map(([v, label]) => (
        <MenuItem key={v} value={v}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
  const filtered = JSON.stringify(value) !== JSON.stringify(noFilters);
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
        sx={{ minWidth: 200, flexGrow: 1, maxWidth: 320 }}
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
      {select(
        'categoryId',
        (categories.data?.items ?? []).map((c) => [String(c.id), localDigits(c.name)]),
      )}
      {select('visibility', [
        ['visible', t('filters.visible')],
        ['hidden', t('filters.hidden')],
      ])}
      {select('stock', [
        ['true', t('filters.inStock')],
        ['false', t('filters.outOfStock')],
      ])}
      {select(
        'syncState',
        productSyncStateSchema.options.map((s) => [s, t(`syncState.${s}`)]),
      )}
      <FormControlLabel
        control={<Checkbox checked={value.featured} onChange={(e) => set('featured', e.target.checked)} />}
        label={t('filters.featured')}
      />
      {filtered && <Button onClick={() => onChange(noFilters)}>{t('filters.clear')}</Button>}
    </Box>
  );
}
