import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncErrorAdvice as Advice } from '../../../../core/contracts/admin-sync';
import { readsInPersian } from '../../lib/failure-text';
import { TechnicalDetails } from '../FailureText';

interface SyncErrorAdviceProps {
  advice: Advice;
  severity?: 'error' | 'warning';
  /** e.g. a link to the failed run or a «try again» button. */
  action?: ReactNode;
}

/** A failed sync as the clerk reads it: what happened, what to do, and Mahak's own words. */
export function SyncErrorAdvice({ advice, severity = 'error', action }: SyncErrorAdviceProps) {
  const { t, i18n } = useTranslation('sync');
  const en = i18n.language === 'en';
  return (
    <Alert severity={severity} action={action} data-testid="sync-error-advice" data-kind={advice.kind}>
      <AlertTitle>{en ? advice.en : advice.fa}</AlertTitle>
      <Typography component="p" variant="body2">
        <strong>{t('advice.hint')}</strong> {en ? advice.hintEn : advice.hintFa}
      </Typography>
      {/* Mahak's Persian words stay inline; an English system message only as technical detail. */}
      {advice.detail && (en || readsInPersian(advice.detail)) && (
        <Box sx={{ mt: 1, opacity: 0.85 }}>
          <Typography component="p" variant="caption">
            {t('advice.detail')}: <bdi>{advice.detail}</bdi>
          </Typography>
        </Box>
      )}
      <Typography component="p" variant="caption" sx={{ mt: 0.5, opacity: 0.85 }}>
        {t('common:state.errorCode')}: <bdi dir="ltr">{advice.kind}</bdi>
      </Typography>
      {advice.detail && !en && !readsInPersian(advice.detail) && <TechnicalDetails text={advice.detail} />}
    </Alert>
  );
}
