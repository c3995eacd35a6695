import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../core/contracts/admin-settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LockNote } from './LockNote';
import { SectionCard } from './SectionCard';
import { useUpdateSettings } from './use-settings';

/** Plain choices for the cron lines a shop needs; anything else is «custom». */
export const schedulePresets = ['*/1 * * * *', '*/5 * * * *', '*/15 * * * *', '0 * * * *', '30 3 * * *'];

export function ScheduleSection({ view }: { view: SettingsView }) {
  const { t } = useTranslation('settings');
  const current = view.values.pullSchedule;
  const [choice, setChoice] = useState(schedulePresets.includes(current) ? current : 'custom');
  const [custom, setCustom] = useState(current);
  const save = useUpdateSettings();
  const locked = view.locks.pullSchedule;
  const cron = choice === 'custom' ? custom.trim() : choice;
  return (
    <SectionCard id="schedule" title={t('schedule.title')} description={t('schedule.description')}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          label={t('schedule.every')}
          value={choice}
          disabled={Boolean(locked)}
          onChange={(e) => setChoice(e.target.value)}
          sx={{ minWidth: 260 }}
          slotProps={{ select: { inputProps: { 'data-testid': 'schedule-choice' } } }}
        >
          {schedulePresets.map((p) => (
            <MenuItem key={p} value={p}>
              {t(`schedule.preset.${schedulePresets.indexOf(p)}`)}
            </MenuItem>
          ))}
          <MenuItem value="custom">{t('schedule.custom')}</MenuItem>
        </TextField>
        {choice === 'custom' && (
          <TextField
            label={t('schedule.cron')}
            value={custom}
            disabled={Boolean(locked)}
            onChange={(e) => setCustom(e.target.value)}
            helperText={t('schedule.cronHelp')}
            slotProps={{ htmlInput: { dir: 'ltr' } }}
          />
        )}
        <LockNote lock={locked} />
        <Button
          variant="contained"
          disabled={Boolean(locked) || save.isPending || cron === current}
          onClick={() => save.mutate({ pullSchedule: cron })}
        >
          {t('save')}
        </Button>
      </Box>
      {save.error && <ErrorAlert error={save.error} />}
    </SectionCard>
  );
}
