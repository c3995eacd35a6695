import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

/** A centred spinner with text, announced to screen readers. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation('common');
  const text = label ?? t('state.loading');
  return (
    <Box role="status" sx={{ py: 6, display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2 }}>
      <CircularProgress aria-label={text} />
      <Typography color="text.secondary">{text}</Typography>
    </Box>
  );
}
