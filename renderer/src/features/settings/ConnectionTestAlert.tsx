import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult } from '../../../../core/contracts/admin-settings';
import { localDigits } from '../../lib/format';

/** The test's answer: who Mahak says we are, or what went wrong and what to do about it. */
export function ConnectionTestAlert({ result }: { result: ConnectionTestResult }) {
  const { t, i18n } = useTranslation('settings');
  const en = i18n.language === 'en';
  if (result.ok) {
    return (
      <Alert severity="success" data-testid="connection-ok">
        <AlertTitle>{t('connection.ok')}</AlertTitle>
        {t('connection.okDetail', {
          title: result.userTitle ?? '—',
          visitor: localDigits(result.visitorId),
          database: localDigits(result.databaseId),
        })}
      </Alert>
    );
  }
  return (
    <Alert severity="error" role="alert" data-testid="connection-failed">
      <AlertTitle>{en ? result.advice.en : result.advice.fa}</AlertTitle>
      <span data-testid="connection-hint">{en ? result.advice.hintEn : result.advice.hintFa}</span>
      <br />
      <span style={{ fontSize: '0.8em', opacity: 0.8 }}>
        {t('connection.code')}: <bdi dir="ltr">{result.error.code}</bdi>
      </span>
    </Alert>
  );
}
