import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupState } from '../../../../core/contracts/admin-settings';
import { useMe } from '../../auth/use-me';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { localDigits } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { useSettings } from '../settings/use-settings';
import { ConnectionStep } from './ConnectionStep';
import { DoneStep } from './DoneStep';
import { ListsStep } from './ListsStep';
import { PreviewStep } from './PreviewStep';
import { SyncStep } from './SyncStep';
import { useSetupState } from './use-setup';

const steps = ['connection', 'lists', 'preview', 'sync', 'done'] as const;

/** `/setup`: the first-run wizard. The owner walks it; staff are told to ask the owner. */
export function SetupWizardScreen() {
  const { t } = useTranslation('setup');
  const me = useMe();
  const setup = useSetupState();
  if (me.isPending || setup.isPending) return <LoadingState />;
  if (setup.error) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('intro')} />
      {me.isOwner ? (
        <OwnerWizard state={setup.data} />
      ) : (
        <Alert severity="info" data-testid="setup-staff-only">
          {t('staffOnly')}
        </Alert>
      )}
    </>
  );
}

/** Where a reload mid-wizard resumes: after the last step the server already knows is done. */
const resumeAt = (s: SetupState) => (s.firstPullDone ? 4 : s.connectionConfirmed ? 1 : 0);

function OwnerWizard({ state }: { state: SetupState }) {
  const { t } = useTranslation('setup');
  const settings = useSettings();
  const [active, setActive] = useState(() => resumeAt(state));
  if (settings.isPending) return <LoadingState />;
  if (settings.error) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  const view = settings.data;
  const back = () => setActive((n) => n - 1);
  const next = () => setActive((n) => n + 1);
  return (
    <Card variant="outlined">
      <CardContent>
        <Stepper activeStep={active} alternativeLabel sx={{ mb: 4 }} data-testid="setup-stepper">
          {steps.map((s, i) => (
            <Step key={s}>
              {/* Persian digits in the circles too (MUI prints the index itself otherwise). */}
              <StepLabel icon={localDigits(i + 1)}>{t(`steps.${s}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <section aria-label={t(`steps.${steps[active]}`)} data-testid={`setup-step-${steps[active]}`}>
          {active === 0 && (
            <ConnectionStep
              view={view}
              locked={state.connectionLocked}
              confirmed={state.connectionConfirmed}
              onNext={next}
            />
          )}
          {active === 1 && <ListsStep view={view} onBack={back} onNext={next} />}
          {active === 2 && <PreviewStep onBack={back} onNext={next} />}
          {active === 3 && <SyncStep alreadyDone={state.firstPullDone} onBack={back} onNext={next} />}
          {active === 4 && <DoneStep />}
        </section>
      </CardContent>
    </Card>
  );
}
