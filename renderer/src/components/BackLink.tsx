import ArrowBack from '@mui/icons-material/ArrowBack';
import Button from '@mui/material/Button';
import { useTheme } from '@mui/material/styles';
import { Link } from 'react-router';

/** «Back to the list» above a detail screen; the arrow points to the start side in RTL too. */
export function BackLink({ to, label }: { to: string; label: string }) {
  const theme = useTheme();
  return (
    <Button
      component={Link}
      to={to}
      startIcon={<ArrowBack sx={{ transform: theme.direction === 'rtl' ? 'scaleX(-1)' : undefined }} />}
      sx={{ mb: 1 }}
    >
      {label}
    </Button>
  );
}
