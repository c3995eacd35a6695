import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { doctorReportSchema, type DoctorStatus } from '../../../../core/contracts/admin-doctor';
import { apiClient } from '../../api/api-client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip, type StatusTone } from '../../components/StatusChip';
import { SectionCard } from './SectionCard';
import { SupportBundleButton } from './SupportBundleButton';

const tone: Record<DoctorStatus, StatusTone> = {
  ok: 'success',
  warn: 'warning',
  fail: 'error',
  skip: 'neutral',
};

/**
 * `hamgam doctor` from the desk: runs every check on the server (a Mahak login included) and lists
 * them, worst first; and the support bundle to download (SupportBundleButton).
 */
export function DoctorSection() {
  const { t, i18n } = useTranslation('settings');
  const lang = i18n.language === 'en' ? 'en' : 'fa';
  const run = useMutation({
    mutationFn: () => apiClient.get('/admin/api/doctor', { schema: doctorReportSchema }),
  });
  const rank: Record<DoctorStatus, number> = { fail: 0, warn: 1, skip: 2, ok: 3 };
  const checks = [...(run.data?.checks ?? [])].sort((a, b) => rank[a.status] - rank[b.status]);
  return (
    <SectionCard id="settings-doctor" title={t('doctor.title')} description={t('doctor.description')}>
      <Button variant="outlined" onClick={() => run.mutate()} disabled={run.isPending}>
        {run.isPending ? t('doctor.running') : t('doctor.run')}
      </Button>
      {run.error && <ErrorAlert error={run.error} />}
      {run.data && (
        <List dense data-testid="doctor-report">
          {checks.map((c) => (
            <ListItem key={c.id} disableGutters>
              <StatusChip tone={tone[c.status]} label={t(`doctor.status.${c.status}`)} />
              <ListItemText
                sx={{ marginInlineStart: 1 }}
                primary={c.title[lang]}
                secondary={c.summary[lang]}
              />
            </ListItem>
          ))}
        </List>
      )}
      <SupportBundleButton />
    </SectionCard>
  );
}
