import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** «Back» and «Next» under a step; the step decides when going on makes sense. */
export function StepActions(props: {
  onBack?: () => void;
  onNext?: () => void;
  nextDisabled?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation('setup');
  return (
    <Box sx={{ display: 'flex', gap: 1, mt: 3, alignItems: 'center' }}>
      {props.onBack && (
        <Button onClick={props.onBack} data-testid="setup-back">
          {t('back')}
        </Button>
      )}
      <Box sx={{ flexGrow: 1 }} />
      {props.children}
      {props.onNext && (
        <Button
          variant="contained"
          onClick={props.onNext}
          disabled={props.nextDisabled}
          data-testid="setup-next"
        >
          {t('next')}
        </Button>
      )}
    </Box>
  );
}
