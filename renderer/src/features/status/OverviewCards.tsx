import SendOutlined from '@mui/icons-material/SendOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SyncStatus } from '../../../../core/contracts/admin-sync';
import { DateText } from '../../components/DateText';
import { SyncStateChip } from '../../components/sync/SyncChips';
import { formatNumber } from '../../lib/format';

/** One labelled figure of a card; `to` makes the figure a link to where it can be dealt with. */
function Stat({
  label,
  value,
  to,
  testId,
}: {
  label: string;
  value: ReactNode;
  to?: string;
  testId?: string;
}) {
  return (
    <Box sx={{ minWidth: 110 }}>
      <Typography variant="body2" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography variant="h6" component="dd" sx={{ m: 0, fontWeight: 700 }} data-testid={testId}>
        {to ? (
          <Link component={RouterLink} to={to} underline="hover">
            {value}
          </Link>
        ) : (
          value
        )}
      </Typography>
    </Box>
  );
}

const statGrid = { display: 'flex', flexWrap: 'wrap', gap: 3, m: 0 } as const;

/** The whole sync at a glance: state, how long ago Mahak was last read, what the store holds. */
export function OverviewCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('status');
  const rows = (entity: string) => status.entities.find((e) => e.entity === entity);
  const live = (entity: string) => (rows(entity)?.rows ?? 0) - (rows(entity)?.deletedRows ?? 0);
  return (
    <Card variant="outlined" sx={{ flex: '1 1 320px' }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('overview.title')}
        </Typography>
        <Box component="dl" sx={statGrid}>
          <Stat
            label={t('overview.state')}
            value={<SyncStateChip state={status.state} size="medium" />}
            testId="overall-state"
          />
          <Stat
            label={t('overview.lag')}
            value={
              status.pull.lastSuccessAt ? (
                <DateText value={status.pull.lastSuccessAt} variant="relative" />
              ) : (
                t('overview.never')
              )
            }
          />
          <Stat label={t('overview.products')} value={formatNumber(live('Products'))} />
          <Stat label={t('overview.customers')} value={formatNumber(live('People'))} />
        </Box>
      </CardContent>
    </Card>
  );
}

interface PushCardProps {
  push: SyncStatus['push'];
  busy: boolean;
  onPushNow: () => void;
}

/** The other direction: web orders and customers waiting for Mahak, disputes and failures to look at. */
export function PushCard({ push, busy, onPushNow }: PushCardProps) {
  const { t } = useTranslation('status');
  const n = (v: number) => formatNumber(v);
  return (
    <Card variant="outlined" sx={{ flex: '1 1 420px' }}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {t('push.title')}
          </Typography>
          <Button
            startIcon={
              <SendOutlined sx={{ transform: (th) => (th.direction === 'rtl' ? 'scaleX(-1)' : undefined) }} />
            }
            onClick={onPushNow}
            disabled={busy}
            data-testid="push-now"
          >
            {t('actions.pushNow')}
          </Button>
        </Box>
        <Box component="dl" sx={statGrid}>
          <Stat label={t('push.ready')} value={n(push.outbox.ready)} testId="push-ready" />
          <Stat label={t('push.held')} value={n(push.outbox.held)} />
          <Stat label={t('push.sent')} value={n(push.outbox.sent)} />
          <Stat
            label={t('push.openDisputes')}
            value={n(push.openDisputes)}
            to={push.openDisputes ? '/disputes' : undefined}
          />
          <Stat
            label={t('push.deadLetters')}
            value={n(push.deadLetters)}
            to={push.deadLetters ? '/dead-letters' : undefined}
          />
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {push.lastRun ? (
            <>
              {t('push.lastRun')}{' '}
              <DateText value={push.lastRun.finishedAt ?? push.lastRun.startedAt} variant="relative" />
            </>
          ) : (
            t('push.never')
          )}
        </Typography>
      </CardContent>
    </Card>
  );
}
