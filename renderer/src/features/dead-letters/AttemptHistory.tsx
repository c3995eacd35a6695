import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../components/DateText';
import { FailureText } from '../../components/FailureText';
import { formatNumber } from '../../lib/format';

/** Every attempt, oldest first: when it ran and what went wrong. */
export function AttemptHistory({ history }: { history: { at: string; error: string }[] }) {
  const { t } = useTranslation('dead-letters');
  if (history.length === 0) return <Typography color="text.secondary">{t('detail.noHistory')}</Typography>;
  return (
    <List dense disablePadding data-testid="attempt-history">
      {history.map((h, i) => (
        <ListItem key={`${h.at}-${i}`} disableGutters divider={i < history.length - 1}>
          <ListItemText
            primary={
              <>
                {t('detail.attempt', { n: formatNumber(i + 1) })} — <DateText value={h.at} />
              </>
            }
            secondary={<FailureText raw={h.error} dense />}
            slotProps={{ secondary: { component: 'div' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}
