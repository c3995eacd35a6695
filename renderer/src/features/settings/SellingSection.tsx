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
  /** 0: none chosen yet (the push takes the bank with the lowest code). */
  mahakBankId: number;
}

/**
 * Price level, stock store, the person group of new web customers and the bank online payments go
 * to, picked from Mahak's lists.
 */
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
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: 2 }}>
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
      <TextField
        select
        label={t('selling.bank')}
        value={lists.banks.some((b) => b.id === value.mahakBankId) ? value.mahakBankId : 0}
        disabled={Boolean(view.locks.mahakBankId)}
        onChange={(e) => onChange({ ...value, mahakBankId: Number(e.target.value) })}
        slotProps={{ select: { inputProps: { 'data-testid': 'bank' } } }}
        helperText={
          view.locks.mahakBankId ? <LockNote lock={view.locks.mahakBankId} /> : t('selling.bankHelp')
        }
      >
        {/* Nothing chosen yet (or the chosen bank is gone from Mahak): say what happens meanwhile. */}
        {!lists.banks.some((b) => b.id === value.mahakBankId) && (
          <MenuItem value={0}>{t('selling.bankDefault')}</MenuItem>
        )}
        {lists.banks.map((b) => (
          <MenuItem key={b.id} value={b.id} data-testid={`bank-${b.id}`}>
            {bankLabel(b, t('selling.bankCode', { code: localDigits(b.code ?? b.id) }))}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}

/** «حساب جاری ملت (بانک ملت) — کد ۱۲»: the account's name, its bank when Mahak gives one, the code. */
function bankLabel(b: MahakLists['banks'][number], code: string): string {
  const bank = b.bankName && b.bankName !== b.name ? ` (${b.bankName})` : '';
  return `${b.name}${bank} — ${code}`;
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
  // 0 is "none chosen": there is nothing to save until the owner picks a bank.
  if (!view.locks.mahakBankId && value.mahakBankId > 0 && value.mahakBankId !== v.mahakBankId)
    patch.mahakBankId = value.mahakBankId;
  return patch;
}

export function SellingSection({ view, lists }: { view: SettingsView; lists: MahakLists }) {
  const { t } = useTranslation('settings');
  const save = useUpdateSettings();
  const [value, setValue] = useState<SellingChoice>({
    sellPriceLevel: view.values.sellPriceLevel,
    storeId: view.values.storeId,
    mahakPersonGroupId: view.values.mahakPersonGroupId,
    mahakBankId: view.values.mahakBankId,
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
