import InboxOutlined from '@mui/icons-material/InboxOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface EmptyStateProps {
  title?: string;
  description?: string;
  /** e.g. a «sync now» button that fills the list. */
  action?: ReactNode;
  icon?: ReactNode;
}

/** What an empty list says: what would be here and, when possible, how to get it. */
export function EmptyState({ title, description, action, icon }: EmptyStateProps) {
  const { t } = useTranslation('common');
  return (
    <Box sx={{ py: 6, px: 2, textAlign: 'center', color: 'text.secondary' }}>
      <Box sx={{ fontSize: 48, lineHeight: 1, mb: 1 }} aria-hidden>
        {icon ?? <InboxOutlined fontSize="inherit" />}
      </Box>
      <Typography variant="h6" component="p" color="text.primary">
        {title ?? t('state.empty')}
      </Typography>
      {description && <Typography sx={{ mt: 1 }}>{description}</Typography>}
      {action && <Box sx={{ mt: 2 }}>{action}</Box>}
    </Box>
  );
}
