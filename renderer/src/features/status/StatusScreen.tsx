import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SyncEntity, SyncStatus } from '../../../../core/contracts/admin-sync';
import { usePushNow, useStartSync } from '../../api/use-sync-actions';
import { useSyncProgress } from '../../api/use-sync-progress';
import { DateText } from '../../components/DateText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { adviceOf } from '../../components/sync/advice-of';
import { PushPausedBanner } from '../../components/sync/PushPausedBanner';
import { SyncErrorAdvice } from '../../components/sync/SyncErrorAdvice';
import { SyncPreviewDialog } from '../../components/sync/SyncPreviewDialog';
import { SyncProgressPanel } from '../../components/sync/SyncProgressPanel';
import { EntityStatusTable } from './EntityStatusTable';
import { OverviewCard, PushCard } from './OverviewCards';
import { PriceLevelWarning } from './PriceLevelWarning';
import { RecordSyncDialog } from './RecordSyncDialog';
import { SyncNowControls } from './SyncNowControls';
import { useSyncStatus } from './use-sync-status';

/** A finished run stays on the screen this long, so the clerk sees how the click ended. */
const showFinishedMs = 10 * 60_000;

/** The desk's first page: is the shop in step with Mahak, and the buttons to make it so. */
export function StatusScreen() {
  const { t } = useTranslation('status');
  const progress = useSyncProgress();
  const status = useSyncStatus(progress.running);
  const start = useStartSync();
  const push = usePushNow();
  const [dialog, setDialog] = useState<'preview' | 'record' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const syncNow = (entity?: SyncEntity) =>
    start.mutate(entity, { onSuccess: (r) => setNotice(t(r.joined ? 'actions.joined' : 'actions.started')) });
  const pushNow = () =>
    push.mutate(undefined, {
      onSuccess: (r) =>
        setNotice(
          t(
            r.outcome === 'ran'
              ? 'actions.pushed'
              : r.outcome === 'idle'
                ? 'actions.pushIdle'
                : 'actions.pushBusy',
          ),
        ),
    });
  const run = progress.run;
  const showRun =
    run && (progress.running || (run.finishedAt && Date.now() - Date.parse(run.finishedAt) < showFinishedMs));
  const data = status.data;

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={<LastSuccess status={data} />}
        actions={
          <SyncNowControls
            running={progress.running}
            busy={start.isPending}
            onSyncNow={() => syncNow()}
            onPreview={() => setDialog('preview')}
            onRecord={() => setDialog('record')}
          />
        }
      />
      <PushPausedBanner />
      <Stack spacing={2}>
        {start.error &&
          (adviceOf(start.error) ? (
            <SyncErrorAdvice advice={adviceOf(start.error)!} />
          ) : (
            <ErrorAlert error={start.error} />
          ))}
        {push.error && <ErrorAlert error={push.error} />}
        {data && <PriceLevelWarning status={data} />}
        {status.isPending && <LoadingState />}
        {status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
        {data && (
          <Notices
            status={data}
            // The panel of a run that just failed already explains the failure: say it once.
            quiet={progress.running || (!!showRun && run.phase === 'failed')}
            onPreview={() => setDialog('preview')}
          />
        )}
        {showRun && (
          <SyncProgressPanel
            run={run}
            footer={
              !progress.running && (
                <Link component={RouterLink} to={`/runs/${run.runId}`} data-testid="progress-open-run">
                  {t('sync:progress.openRun')}
                </Link>
              )
            }
          />
        )}
        {data && (
          <>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
              <OverviewCard status={data} />
              <PushCard push={data.push} busy={push.isPending} onPushNow={pushNow} />
            </Box>
            <Box>
              <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                {t('entities.title')}
              </Typography>
              <EntityStatusTable entities={data.entities} running={progress.running} onSyncEntity={syncNow} />
            </Box>
          </>
        )}
      </Stack>
      <SyncPreviewDialog
        open={dialog === 'preview'}
        onClose={() => setDialog(null)}
        onSyncNow={() => syncNow()}
      />
      <RecordSyncDialog open={dialog === 'record'} onClose={() => setDialog(null)} />
      <Snackbar
        open={notice !== null}
        autoHideDuration={5000}
        onClose={() => setNotice(null)}
        message={notice}
      />
    </>
  );
}

function LastSuccess({ status }: { status: SyncStatus | undefined }) {
  const { t } = useTranslation('status');
  if (!status) return null;
  if (!status.pull.lastSuccessAt) return <>{t('neverSynced')}</>;
  return (
    <>
      {t('lastSuccess')} <DateText value={status.pull.lastSuccessAt} variant="relative" />
    </>
  );
}

/** First sync, the last failure and a Mahak that does not answer: each with what to do. */
function Notices({
  status,
  quiet,
  onPreview,
}: {
  status: SyncStatus;
  quiet: boolean;
  onPreview: () => void;
}) {
  const { t } = useTranslation('status');
  if (quiet) return null;
  const failedRun = status.pull.lastRun?.status === 'failed' ? status.pull.lastRun.id : null;
  return (
    <>
      {status.firstSync && !status.pull.lastError && (
        <Alert
          severity="info"
          action={
            <Button color="inherit" onClick={onPreview} data-testid="first-sync-preview">
              {t('firstSync.preview')}
            </Button>
          }
        >
          <AlertTitle>{t('firstSync.title')}</AlertTitle>
          {t('firstSync.body')}
        </Alert>
      )}
      {status.pull.lastError && (
        <SyncErrorAdvice
          advice={status.pull.lastError}
          action={
            failedRun && (
              <Button color="inherit" component={RouterLink} to={`/runs/${failedRun}`}>
                {t('lastError.openRun')}
              </Button>
            )
          }
        />
      )}
      {status.mahak.error && !status.pull.lastError && (
        <SyncErrorAdvice advice={status.mahak.error} severity="warning" />
      )}
    </>
  );
}
