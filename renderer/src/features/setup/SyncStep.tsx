import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunProgress } from '../../../../core/contracts/admin-sync';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../lib/format';
import { StepActions } from './StepActions';
import { useCurrentRun, useStartPull } from './use-setup';

/** Step 4: the first whole pull, with its progress bar, until Mahak's data is in the shop. */
export function SyncStep(props: { alreadyDone: boolean; onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation('setup');
  const start = useStartPull();
  const [started, setStarted] = useState(false);
  const current = useCurrentRun(started);
  const run = started ? (current.data?.run ?? start.data?.run) : undefined;
  const running = started && run !== undefined && run.phase !== 'done' && run.phase !== 'failed';
  const done = props.alreadyDone || run?.phase === 'done';
  const begin = () => {
    setStarted(true);
    start.mutate();
  };
  return (
    <>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('sync.help')}
      </Typography>
      {run && <RunBar run={run} />}
      {run?.phase === 'done' && (
        <Alert severity="success" data-testid="setup-sync-done">
          {t('sync.done')}
        </Alert>
      )}
      {run?.phase === 'failed' && run.error && <RunFailure error={run.error} />}
      {start.error && <ErrorAlert error={start.error} />}
      <StepActions onBack={running ? undefined : props.onBack} onNext={props.onNext} nextDisabled={!done}>
        {!done && (
          <Button
            variant="outlined"
            onClick={begin}
            disabled={running || start.isPending}
            data-testid="setup-start-sync"
          >
            {run?.phase === 'failed' ? t('sync.retry') : t('sync.start')}
          </Button>
        )}
      </StepActions>
    </>
  );
}

function RunBar({ run }: { run: RunProgress }) {
  const { t } = useTranslation('setup');
  const percent = Math.round(run.fraction * 100);
  const label = t('sync.progress', {
    applied: formatNumber(run.totals.applied),
    read: formatNumber(run.totals.read),
    percent: formatNumber(percent),
  });
  return (
    <Box sx={{ mb: 2 }}>
      <LinearProgress
        variant={run.phase === 'starting' ? 'indeterminate' : 'determinate'}
        value={percent}
        aria-label={label}
        sx={{ height: 10, borderRadius: 5 }}
        data-testid="setup-sync-progress"
      />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} aria-live="polite">
        {label}
      </Typography>
    </Box>
  );
}

function RunFailure({ error }: { error: NonNullable<RunProgress['error']> }) {
  const { t, i18n } = useTranslation('setup');
  const en = i18n.language === 'en';
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{t('sync.failed')}</AlertTitle>
      {en ? error.en : error.fa} — {en ? error.hintEn : error.hintFa}
    </Alert>
  );
}
