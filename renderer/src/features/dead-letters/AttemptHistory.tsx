import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { DeadLetterLine } from '../../../../core/contracts/admin-dead-letters';
import { DateText } from '../../components/DateText';
import { FailureText } from '../../components/FailureText';
import { formatNumber } from '../../lib/format';

/**
 * The letter's lines, oldest first: attempts under the number the server gave them (the one the
 * attempt count counts), notes between them (a read-back, a send that did not count, a staff retry)
 * unnumbered and quieter, so «تلاش n» never runs past the count shown above.
 */
export function AttemptHistory({ history }: { history: DeadLetterLine[] }) {
  const { t } = useTranslation('dead-letters');
  if (history.length === 0) return <Typography color="text.secondary">{t('detail.noHistory')}</Typography>;
  return (
    <List dense disablePadding data-testid="attempt-history">
      {history.map((h, i) => (
        <ListItem
          key={`${h.at}-${i}`}
          disableGutters
          divider={i < history.length - 1}
          data-testid={h.attempt === null ? 'history-note' : 'history-attempt'}
        >
          <ListItemText
            primary={
              <>
                {h.attempt === null
                  ? t(`detail.note.${h.note ?? 'other'}`)
                  : t('detail.attempt', { n: formatNumber(h.attempt) })}{' '}
                — <DateText value={h.at} />
              </>
            }
            secondary={h.error ? <FailureText raw={h.error} dense /> : undefined}
            slotProps={{
              primary: h.attempt === null ? { color: 'text.secondary', variant: 'body2' } : {},
              secondary: { component: 'div' },
            }}
          />
        </ListItem>
      ))}
    </List>
  );
}
