import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';

interface ErrorAlertProps {
  error: unknown;
  /** Shows a «try again» button. */
  onRetry?: () => void;
  title?: string;
}

/**
 * A failed call as the clerk reads it: the server's Persian message in fa (English in en) and the error
 * code, which is what support asks for. Non-API errors (bugs) show the generic internal message.
 */
export function ErrorAlert({ error, onRetry, title }: ErrorAlertProps) {
  const { t, i18n } = useTranslation('common');
  const message = isApiError(error) ? error.localized(i18n.language) : t('state.errorTitle');
  const code = isApiError(error) ? error.code : 'INTERNAL';
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        )
      }
    >
      {title && <AlertTitle>{title}</AlertTitle>}
      {message}
      <br />
      <span style={{ fontSize: '0.8em', opacity: 0.8 }}>
        {t('state.errorCode')}:{' '}
        {/* The code is an identifier in Latin letters: isolated LTR so the Persian line keeps its order. */}
        <bdi dir="ltr" data-testid="error-code">
          {code}
        </bdi>
      </span>
    </Alert>
  );
}
