import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

/** Unknown desk address: says so and offers the way home instead of a blank page. */
export function NotFoundScreen() {
  const { t } = useTranslation('common');
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState
        title={t('notFound.body')}
        action={
          <Button component={Link} to="/" variant="contained">
            {t('notFound.home')}
          </Button>
        }
      />
    </>
  );
}

/** A route whose feature is not built yet (e.g. change password until the users feature lands). */
export function PlaceholderScreen() {
  const { t } = useTranslation('common');
  return (
    <>
      <PageHeader title={t('placeholder.title')} />
      <EmptyState description={t('placeholder.body')} />
    </>
  );
}
