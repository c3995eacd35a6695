import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../auth/use-me';
import { LoadingState } from '../components/LoadingState';
import { navFeatures } from './feature-registry';

/** `/`: the first feature in the drawer; a welcome card while no feature is registered. */
export function HomeScreen() {
  const { t } = useTranslation('common');
  const { isOwner, isPending } = useMe();
  const first = navFeatures(isOwner)[0];
  // Wait for the role so an owner is not sent to a staff screen first (and vice versa).
  if (isPending) return <LoadingState />;
  if (first) return <Navigate to={first.path} replace />;
  return (
    <Card variant="outlined" sx={{ maxWidth: 560 }}>
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {t('welcome.title')}
        </Typography>
        <Typography color="text.secondary">{t('welcome.body')}</Typography>
      </CardContent>
    </Card>
  );
}
