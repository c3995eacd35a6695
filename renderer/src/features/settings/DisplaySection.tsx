import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { MoneyUnit, SettingKey, SettingsView } from '../../../../core/contracts/admin-settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LockNote } from './LockNote';
import { SectionCard } from './SectionCard';
import { useUpdateSettings } from './use-settings';

/** Rial or toman for the whole desk; saved (and applied) as soon as it is picked. */
export function DisplaySection({ view }: { view: SettingsView }) {
  const { t } = useTranslation('settings');
  const save = useUpdateSettings();
  const lock = view.locks.moneyDisplay;
  return (
    <SectionCard id="display" title={t('display.title')} description={t('display.description')}>
      <RadioGroup
        row
        aria-labelledby="display"
        value={view.values.moneyDisplay}
        onChange={(e) => save.mutate({ moneyDisplay: e.target.value as MoneyUnit })}
      >
        {(['toman', 'rial'] as const).map((unit) => (
          <FormControlLabel
            key={unit}
            value={unit}
            disabled={Boolean(lock) || save.isPending}
            control={<Radio slotProps={{ input: { 'data-testid': `money-${unit}` } as object }} />}
            label={t(`display.${unit}`)}
          />
        ))}
        <LockNote lock={lock} />
      </RadioGroup>
      {save.error && <ErrorAlert error={save.error} />}
    </SectionCard>
  );
}

const optOuts = ['pullSkipPrices', 'pullSkipStock', 'pullSkipTitles', 'pullSkipPictures'] as const;

/** What the pull must leave as the shop set it; each switch is saved as soon as it flips. */
export function OptOutSection({ view }: { view: SettingsView }) {
  const { t } = useTranslation('settings');
  const save = useUpdateSettings();
  return (
    <SectionCard id="opt-outs" title={t('optOuts.title')} description={t('optOuts.description')}>
      <Stack spacing={1}>
        {optOuts.map((key: SettingKey & (typeof optOuts)[number]) => (
          <Stack key={key} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <FormControlLabel
              control={
                <Switch
                  checked={view.values[key]}
                  disabled={Boolean(view.locks[key]) || save.isPending}
                  onChange={(e) => save.mutate({ [key]: e.target.checked })}
                  slotProps={{ input: { 'data-testid': key } as object }}
                />
              }
              label={t(`optOuts.${key}`)}
            />
            <Typography variant="body2" color="text.secondary">
              {t(`optOuts.${key}Help`)}
            </Typography>
            <LockNote lock={view.locks[key]} />
          </Stack>
        ))}
      </Stack>
      {save.error && <ErrorAlert error={save.error} />}
    </SectionCard>
  );
}
