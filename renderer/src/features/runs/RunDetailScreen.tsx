import ArrowBack from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { RunDetail } from '../../../../core/contracts/admin-sync';
import { isApiError } from '../../api/api-error';
import { DateText } from '../../components/DateText';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { EntityProgressTable } from '../../components/sync/EntityProgressTable';
import { RunStatusChip } from '../../components/sync/SyncChips';
import { SyncErrorAdvice } from '../../components/sync/SyncErrorAdvice';
import { formatNumber } from '../../lib/format';
import { RunLogList } from './RunLogList';
import { durationLabel, scopeLabel } from './run-text';
import { useRunDetail } from './use-runs';

/** One run: its outcome, the explanation of a failure, per-entity counts and what happened, in order. */
export function RunDetailScreen() {
  const { t } = useTranslation('runs');
  const { id = '' } = useParams();
  const detail = useRunDetail(id);
  const back = (
    <Button
      component={RouterLink}
      to="/runs"
      startIcon={
        <ArrowBack sx={{ transform: (th) => (th.direction === 'rtl' ? 'scaleX(-1)' : undefined) }} />
      }
    >
      {t('detail.back')}
    </Button>
  );
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) {
    const missing = isApiError(detail.error) && detail.error.status === 404;
    return (
      <>
        <PageHeader title={t('detail.title')} actions={back} />
        {missing ? (
          <EmptyState title={t('detail.notFound')} />
        ) : (
          <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </>
    );
  }
  const { run } = detail.data;
  const scope = scopeLabel(t, run);
  return (
    <>
      <PageHeader
        title={t('detail.title')}
        subtitle={`${t(`kind.${run.kind}`)}${scope ? ` — ${scope}` : ''}`}
        actions={back}
      />
      <Stack spacing={2}>
        {run.error && <SyncErrorAdvice advice={run.error} />}
        {run.status === 'running' && <Alert severity="info">{t('detail.running')}</Alert>}
        <Summary detail={detail.data} />
        {detail.data.entities.length > 0 && (
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2">
                {t('detail.entities')}
              </Typography>
              <EntityProgressTable entities={detail.data.entities} />
            </CardContent>
          </Card>
        )}
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {t('detail.log')}
            </Typography>
            {detail.data.logTruncated && (
              <Alert severity="warning" sx={{ mb: 1 }}>
                {t('detail.truncated')}
              </Alert>
            )}
            {detail.data.log.length === 0 ? (
              <Typography color="text.secondary">{t('detail.noLog')}</Typography>
            ) : (
              <RunLogList lines={detail.data.log} />
            )}
          </CardContent>
        </Card>
      </Stack>
    </>
  );
}

function Summary({ detail }: { detail: RunDetail }) {
  const { t } = useTranslation('runs');
  const { run } = detail;
  const item = (label: string, value: ReactNode) => (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="body2" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontWeight: 500 }}>
        {value}
      </Typography>
    </Box>
  );
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('detail.summary')}
        </Typography>
        <Box
          component="dl"
          sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, m: 0 }}
          data-testid="run-summary"
        >
          {item(t('columns.status'), <RunStatusChip status={run.status} />)}
          {item(t('detail.started'), <DateText value={run.startedAt} />)}
          {item(t('detail.finished'), <DateText value={run.finishedAt} />)}
          {item(t('detail.duration'), durationLabel(t, run.durationMs))}
          {item(t('detail.read'), formatNumber(run.read))}
          {item(t('detail.changed'), formatNumber(run.changed))}
          {run.kind === 'pull' && item(t('detail.quarantined'), formatNumber(run.quarantined))}
        </Box>
      </CardContent>
    </Card>
  );
}
