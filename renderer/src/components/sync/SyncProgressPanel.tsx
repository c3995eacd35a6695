import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunProgress } from '../../../../core/contracts/admin-sync';
import { isRunning } from '../../api/sync-progress-state';
import { formatNumber } from '../../lib/format';
import { EntityProgressTable } from './EntityProgressTable';
import { SyncErrorAdvice } from './SyncErrorAdvice';

interface SyncProgressPanelProps {
  run: RunProgress;
  /** Under the panel, e.g. a link to the run's details once it is over. */
  footer?: ReactNode;
  /** Heading level of the panel title (the screen's h1 is above it). */
  headingLevel?: 'h2' | 'h3';
  /** Per-entity counts: 'running' (default) shows them only while the run goes, to keep a finished run short. */
  entities?: 'always' | 'running';
}

/**
 * A run's progress: phase, overall bar, records saved of received, rate, per-entity counts. Fed by
 * useSyncProgress, so it picks a running sync up again after a reload.
 */
export function SyncProgressPanel({
  run,
  footer,
  headingLevel = 'h2',
  entities = 'running',
}: SyncProgressPanelProps) {
  const { t } = useTranslation('sync');
  const running = isRunning(run);
  const percent = Math.floor(run.fraction * 100);
  const n = (v: number) => formatNumber(v);
  const scope =
    run.scope.kind === 'all'
      ? t('progress.scopeAll')
      : t('progress.scopeEntity', { entity: t(`entity.${run.scope.entity}`) });
  return (
    <Card variant="outlined" data-testid="sync-progress" data-phase={run.phase} data-run-id={run.runId}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
          <PhaseIcon phase={run.phase} />
          <Typography variant="h6" component={headingLevel} sx={{ flexGrow: 1 }} aria-live="polite">
            {t(`phase.${run.phase}`)}
          </Typography>
          <Chip size="small" label={scope} />
        </Stack>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <LinearProgress
            variant="determinate"
            value={percent}
            color={run.phase === 'failed' ? 'error' : run.phase === 'done' ? 'success' : 'primary'}
            aria-label={t('progress.bar')}
            sx={{ flexGrow: 1, height: 10, borderRadius: 5 }}
            data-testid="sync-progress-bar"
          />
          <Typography sx={{ minWidth: 48, fontWeight: 700 }} data-testid="sync-progress-percent">
            {t('progress.percent', { value: n(percent) })}
          </Typography>
        </Stack>
        <Typography color="text.secondary" sx={{ mt: 1.5 }}>
          {run.totals.read === 0 && running
            ? t('progress.waiting')
            : [
                t('progress.summary', { applied: n(run.totals.applied), read: n(run.totals.read) }),
                t('progress.changed', { changed: n(run.totals.changed) }),
                ...(running ? [t('progress.rate', { rate: n(Math.round(run.ratePerSecond)) })] : []),
              ].join(' · ')}
        </Typography>
        {run.pictures && (run.pictures.downloaded > 0 || run.pictures.failed > 0) && (
          <Typography color="text.secondary" variant="body2">
            {t('progress.pictures', {
              downloaded: n(run.pictures.downloaded),
              failed: n(run.pictures.failed),
            })}
          </Typography>
        )}
        {run.error && (
          <Box sx={{ mt: 2 }}>
            <SyncErrorAdvice advice={run.error} />
          </Box>
        )}
        {run.entities.length > 0 && (running || entities === 'always') && (
          <EntityProgressTable entities={run.entities} />
        )}
        {footer && <Box sx={{ mt: 2 }}>{footer}</Box>}
      </CardContent>
    </Card>
  );
}

function PhaseIcon({ phase }: { phase: RunProgress['phase'] }) {
  if (phase === 'done') return <CheckCircleOutlined color="success" />;
  if (phase === 'failed') return <ErrorOutline color="error" />;
  return (
    <SyncOutlined
      color="primary"
      sx={{
        '@keyframes hamgam-spin': { to: { transform: 'rotate(-360deg)' } },
        animation: 'hamgam-spin 1.6s linear infinite',
        '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
      }}
    />
  );
}
