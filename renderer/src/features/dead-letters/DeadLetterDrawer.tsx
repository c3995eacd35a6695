import CloseOutlined from '@mui/icons-material/CloseOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateText } from '../../components/DateText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { localDigits } from '../../lib/format';
import { AttemptHistory } from './AttemptHistory';
import { useDeadLetterLabels } from './dead-letter-labels';
import { reasonKindOf } from '../../lib/failure-text';
import { FailureText } from '../../components/FailureText';
import { JsonView } from '../../components/JsonView';
import { useDeadLetter, useDiscardDeadLetter, useRetryDeadLetter } from './use-dead-letters';

interface Props {
  id: number | null;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * One letter: what happened in Persian, Mahak's words (system text only as technical detail), every
 * attempt, the payload; retry or discard.
 */
export function DeadLetterDrawer({ id, onClose, onDone }: Props) {
  const { t } = useTranslation('dead-letters');
  const labels = useDeadLetterLabels();
  const letter = useDeadLetter(id);
  const retry = useRetryDeadLetter();
  const discard = useDiscardDeadLetter();
  const [confirm, setConfirm] = useState<'retry' | 'discard' | null>(null);
  const l = letter.data;
  const act = async () => {
    if (!l || !confirm) return;
    const action = confirm;
    try {
      await (action === 'retry' ? retry : discard).mutateAsync(l.id);
      setConfirm(null);
      onDone(t(`${action}.done`));
      onClose();
    } catch {
      setConfirm(null);
    }
  };
  return (
    <Drawer
      anchor="right"
      open={id !== null}
      onClose={onClose}
      // Above the app bar (which sits above the navigation drawer): its title and close button show.
      sx={{ zIndex: (theme) => theme.zIndex.modal }}
      slotProps={{
        paper: { sx: { width: 520, maxWidth: '100%' }, role: 'dialog', 'aria-label': t('detail.title') },
      }}
    >
      <Box
        sx={{ p: 2, display: 'flex', alignItems: 'center', gap: 1, borderBottom: 1, borderColor: 'divider' }}
      >
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {t('detail.title')}
        </Typography>
        <IconButton onClick={onClose} aria-label={t('detail.close')}>
          <CloseOutlined />
        </IconButton>
      </Box>
      <Box sx={{ p: 2, overflow: 'auto' }}>
        {letter.isPending && id !== null && <LoadingState />}
        {letter.error && <ErrorAlert error={letter.error} onRetry={() => letter.refetch()} />}
        {(retry.error || discard.error) && <ErrorAlert error={retry.error ?? discard.error} />}
        {l && (
          <>
            <Typography sx={{ mb: 2 }}>
              {labels.source(l.source)} · {labels.kind(l.kind)} · {t('detail.id')} {localDigits(l.id)} ·{' '}
              {t('detail.createdAt')} <DateText value={l.createdAt} />
            </Typography>
            <Section title={t('detail.what')}>
              <Typography>
                {labels.what(l.source, l.attempts)} {t(`common:failure.kind.${reasonKindOf(l.reason)}`)}
              </Typography>
            </Section>
            <Section title={t('detail.error')}>
              <Box data-testid="letter-reason">
                <FailureText raw={l.reason} />
              </Box>
            </Section>
            <Section title={t('detail.history')}>
              <AttemptHistory history={l.history} />
            </Section>
            <Section title={t('detail.payload')}>
              <JsonView value={l.payload} label={t('detail.payload')} />
            </Section>
            {!l.retryable && (
              <Alert severity="info" sx={{ mb: 2 }}>
                {t('detail.notRetryable')}
              </Alert>
            )}
            <Box sx={{ display: 'flex', gap: 1 }}>
              {l.retryable && (
                <Button variant="contained" onClick={() => setConfirm('retry')} data-testid="letter-retry">
                  {t('retry.button')}
                </Button>
              )}
              <Button
                color="error"
                variant="outlined"
                onClick={() => setConfirm('discard')}
                data-testid="letter-discard"
              >
                {t('discard.button')}
              </Button>
            </Box>
          </>
        )}
      </Box>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(`${confirm}.title`) : ''}
        message={confirm ? t(`${confirm}.message`) : ''}
        confirmLabel={confirm ? t(`${confirm}.button`) : undefined}
        danger={confirm === 'discard'}
        busy={retry.isPending || discard.isPending}
        onConfirm={act}
        onCancel={() => setConfirm(null)}
      />
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ mb: 2.5 }}>
      <Typography variant="subtitle2" component="h3" color="text.secondary" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
