import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MahakLists, SettingsPatch, SettingsView } from '../../../../core/contracts/admin-settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { localDigits } from '../../lib/format';
import { LockNote } from './LockNote';
import { SectionCard } from './SectionCard';
import { useUpdateSettings } from './use-settings';

interface SellingChoice {
  sellPriceLevel: number;
  storeId: number | null;
  mahakPersonGroupId: number;
}

/** Price level, stock store and the person group of new web customers, picked from Mahak's lists. */
export function SellingFields(props: {
  view: SettingsView;
  lists: MahakLists;
  value: SellingChoice;
  onChange: (next: SellingChoice) => void;
}) {
  const { t } = useTranslation('settings');
  const { view, lists, value, onChange } = props;
  const levelName = (level: number, name: string | null) =>
    t('selling.level', { n: localDigits(level) }) + (name ? ` — ${name}` : '');
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 2 }}>
      <TextField
        select
        label={t('selling.priceLevel')}
        value={value.sellPriceLevel}
        disabled={Boolean(view.locks.sellPriceLevel)}
        onChange={(e) => onChange({ ...value, sellPriceLevel: Number(e.target.value) })}
        slotProps={{ select: { inputProps: { 'data-testid': 'price-level' } } }}
        helperText={view.locks.sellPriceLevel ? <LockNote lock={view.locks.sellPriceLevel} /> : undefined}
      >
        {lists.priceLevels.map((l) => (
          <MenuItem key={l.level} value={l.level} data-testid={`price-level-${l.level}`}>
            {levelName(l.level, l.name)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('selling.store')}
        value={value.storeId ?? 0}
        disabled={Boolean(view.locks.storeId)}
        onChange={(e) => onChange({ ...value, storeId: Number(e.target.value) || null })}
        helperText={view.locks.storeId ? <LockNote lock={view.locks.storeId} /> : undefined}
      >
        <MenuItem value={0}>{t('selling.allStores')}</MenuItem>
        {lists.stores.map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('selling.personGroup')}
        value={
          lists.personGroups.some((g) => g.id === value.mahakPersonGroupId) ? value.mahakPersonGroupId : ''
        }
        disabled={Boolean(view.locks.mahakPersonGroupId)}
        onChange={(e) => onChange({ ...value, mahakPersonGroupId: Number(e.target.value) })}
        helperText={
          view.locks.mahakPersonGroupId ? <LockNote lock={view.locks.mahakPersonGroupId} /> : undefined
        }
      >
        {lists.personGroups.map((g) => (
          <MenuItem key={g.id} value={g.id}>
            {g.name}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}

/** Only what is not locked and differs from the saved values. */
export function sellingPatch(view: SettingsView, value: SellingChoice): SettingsPatch {
  const patch: SettingsPatch = {};
  const v = view.values;
  if (!view.locks.sellPriceLevel && value.sellPriceLevel !== v.sellPriceLevel)
    patch.sellPriceLevel = value.sellPriceLevel;
  if (!view.locks.storeId && value.storeId !== v.storeId) patch.storeId = value.storeId;
  if (!view.locks.mahakPersonGroupId && value.mahakPersonGroupId !== v.mahakPersonGroupId)
    patch.mahakPersonGroupId = value.mahakPersonGroupId;
  return patch;
}

export function SellingSection({ view, lists }: { view: SettingsView; lists: MahakLists }) {
  const { t } = useTranslation('settings');
  const save = useUpdateSettings();
  const [value, setValue] = useState<SellingChoice>({
    sellPriceLevel: view.values.sellPriceLevel,
    storeId: view.values.storeId,
    mahakPersonGroupId: view.values.mahakPersonGroupId,
  });
  const patch = sellingPatch(view, value);
  return (
    <SectionCard id="selling" title={t('selling.title')} description={t('selling.description')}>
      <SellingFields view={view} lists={lists} value={value} onChange={setValue} />
      <Button
        sx={{ mt: 2 }}
        variant="contained"
        disabled={save.isPending || Object.keys(patch).length === 0}
        onClick={() => save.mutate(patch)}
        data-testid="save-selling"
      >
        {t('save')}
      </Button>
      {save.error && <ErrorAlert error={save.error} />}
    </SectionCard>
  );
}
