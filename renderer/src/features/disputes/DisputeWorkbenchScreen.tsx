import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import RefreshOutlined from '@mui/icons-material/RefreshOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { DisputeWorkbench } from '../../../../core/contracts/admin-disputes';
import { DateText } from '../../components/DateText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatNumber, localDigits } from '../../lib/format';
import { AuditTrail } from './AuditTrail';
import { ComparisonTable } from './ComparisonTable';
import { useDisputeLabels } from './dispute-labels';
import { ResolutionPanel } from './ResolutionPanel';
import { useDisputeWorkbench } from './use-disputes';

const mirrorInRtl = {
  transform: (t: { direction: string }) => (t.direction === 'rtl' ? 'scaleX(-1)' : undefined),
};

/** `/disputes/:id`: Mahak's words, ours beside Mahak's current record, the resolutions, the audit trail. */
export function DisputeWorkbenchScreen() {
  const { t } = useTranslation('disputes');
  const { id = '' } = useParams();
  const wb = useDisputeWorkbench(id);
  const [notice, setNotice] = useState(false);
  return (
    <Box>
      <Button
        component={RouterLink}
        to="/disputes"
        startIcon={<ArrowBackOutlined sx={mirrorInRtl} />}
        sx={{ mb: 1 }}
      >
        {t('workbench.back')}
      </Button>
      {wb.error && <ErrorAlert error={wb.error} onRetry={() => wb.refetch()} />}
      {wb.isPending && <LoadingState />}
      {wb.data && (
        <Workbench
          data={wb.data}
          refreshing={wb.isFetching}
          onRefresh={() => wb.refetch()}
          onResolved={() => setNotice(true)}
        />
      )}
      <Snackbar
        open={notice}
        autoHideDuration={5000}
        onClose={() => setNotice(false)}
        message={t('actions.done')}
      />
    </Box>
  );
}

interface WorkbenchProps {
  data: DisputeWorkbench;
  refreshing: boolean;
  onRefresh: () => void;
  onResolved: () => void;
}

function Workbench({ data, refreshing, onRefresh, onResolved }: WorkbenchProps) {
  const { t, i18n } = useTranslation('disputes');
  const labels = useDisputeLabels();
  const { dispute, comparison, audit } = data;
  const subject =
    dispute.orderNumber === null ? t('kind.person') : t('subject', { n: localDigits(dispute.orderNumber) });
  const differing = comparison.records.flatMap((r) => r.fields).filter((f) => f.differs).length;
  return (
    <>
      <PageHeader
        title={labels.reason(dispute.reason)}
        subtitle={
          <>
            <bdi>{subject}</bdi> · {t('workbench.openedAt')} <DateText value={dispute.createdAt} />
          </>
        }
        actions={
          <Chip
            color={dispute.status === 'open' ? 'warning' : 'success'}
            label={t(`workbench.status.${dispute.status}`)}
            data-testid="dispute-status"
          />
        }
      />
      <Alert severity="error" icon={false} sx={{ mb: 2 }} data-testid="mahak-message">
        <AlertTitle>{t('workbench.mahakSays')}</AlertTitle>
        {/* Mahak's own words, as its staff would read them in Mahak, in the desk's digits. */}
        <span dir="rtl">
          {dispute.mahakMessage ? localDigits(dispute.mahakMessage) : t('workbench.noMessage')}
        </span>
      </Alert>
      <Box sx={{ display: 'grid', gridTemplateColumns: { md: '1fr 300px' }, gap: 2, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
            <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
              {t('workbench.compareTitle')}
              {differing > 0 && (
                <Chip
                  size="small"
                  color="warning"
                  sx={{ marginInlineStart: 1 }}
                  label={t('workbench.differCount', { n: formatNumber(differing) })}
                />
              )}
            </Typography>
            <Button size="small" startIcon={<RefreshOutlined />} onClick={onRefresh} disabled={refreshing}>
              {t('workbench.refresh')}
            </Button>
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="comparison-source">
            {t(`workbench.${comparison.source}`, { time: formatDateTime(comparison.fetchedAt) })}
          </Typography>
          {comparison.liveError && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {t('workbench.liveFailed')} (
              {i18n.language === 'en' ? comparison.liveError.message : comparison.liveError.messageFa} —{' '}
              {t('common:state.errorCode')}: <bdi dir="ltr">{comparison.liveError.code}</bdi>)
            </Alert>
          )}
          <ComparisonTable records={comparison.records} />
        </Paper>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          {dispute.status === 'open' ? (
            <Paper variant="outlined" sx={{ p: 2 }}>
              <ResolutionPanel workbench={data} onResolved={onResolved} />
            </Paper>
          ) : (
            <Alert severity="success" data-testid="resolved-as">
              {t('actions.resolvedAs', {
                resolution: dispute.resolution ? labels.resolution(dispute.resolution) : '',
                by: audit[0]?.actorName ?? dispute.resolvedBy ?? '',
                at: dispute.resolvedAt ? formatDateTime(dispute.resolvedAt) : '',
              })}
            </Alert>
          )}
          <Paper variant="outlined" sx={{ p: 2 }}>
            <AuditTrail entries={audit} />
          </Paper>
        </Box>
      </Box>
    </>
  );
}
