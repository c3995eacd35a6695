import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepActions } from './StepActions';
import { useFinishSetup } from './use-setup';

/** Step 5: marks setup finished on the server (so no desk opens the wizard again) and opens the desk. */
export function DoneStep() {
  const { t } = useTranslation('setup');
  const finish = useFinishSetup();
  const navigate = useNavigate();
  return (
    <>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('done.title')}
      </Typography>
      <Typography color="text.secondary">{t('done.body')}</Typography>
      {finish.error && <ErrorAlert error={finish.error} />}
      <StepActions>
        <Button
          variant="contained"
          disabled={finish.isPending}
          onClick={() => finish.mutate(undefined, { onSuccess: () => void navigate('/', { replace: true }) })}
          data-testid="setup-finish"
        >
          {t('done.finish')}
        </Button>
      </StepActions>
    </>
  );
}
