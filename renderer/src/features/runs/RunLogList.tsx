import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import { useTranslation } from 'react-i18next';
import type { RunLogLine } from '../../../../core/contracts/admin-sync';
import { formatTime } from '../../lib/format';
import { logText } from './run-text';

const icons = {
  info: <InfoOutlined color="info" />,
  warn: <WarningAmberOutlined color="warning" />,
  error: <ErrorOutline color="error" />,
};

/** The run's notable moments, oldest first, with the time and a level icon (named for screen readers). */
export function RunLogList({ lines }: { lines: readonly RunLogLine[] }) {
  const { t } = useTranslation('runs');
  return (
    <List dense aria-label={t('detail.logTable')} data-testid="run-log">
      {lines.map((line, i) => (
        <ListItem key={i} disableGutters data-event={line.event}>
          <ListItemIcon sx={{ minWidth: 36 }} aria-label={t(`level.${line.level}`)} role="img">
            {icons[line.level]}
          </ListItemIcon>
          <ListItemText primary={logText(t, line)} secondary={formatTime(line.at)} />
        </ListItem>
      ))}
    </List>
  );
}
