import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionSection } from './ConnectionSection';
import { DisplaySection, OptOutSection } from './DisplaySection';
import { DoctorSection } from './DoctorSection';
import { ScheduleSection } from './ScheduleSection';
import { SellingSection } from './SellingSection';
import { useMahakLists, useSettings } from './use-settings';

/** The shop's settings (owner only): connection, schedule, selling, display, opt-outs, health check. */
export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const settings = useSettings();
  const lists = useMahakLists();
  if (settings.isPending) return <LoadingState />;
  if (settings.error) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  const view = settings.data;
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <ConnectionSection view={view} />
      <ScheduleSection view={view} />
      {lists.data && <SellingSection view={view} lists={lists.data} />}
      {lists.error && <ErrorAlert title={t('selling.title')} error={lists.error} />}
      <DisplaySection view={view} />
      <OptOutSection view={view} />
      <DoctorSection />
    </>
  );
}
