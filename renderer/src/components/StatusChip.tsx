import Chip from '@mui/material/Chip';
import type { ReactElement } from 'react';

export type StatusTone = 'success' | 'info' | 'warning' | 'error' | 'neutral' | 'strong';

/**
 * Text and fill per tone. MUI's own warning/info colours on white (or white on them) fall below the
 * 4.5:1 contrast small text needs (axe «color-contrast»), so the chips use darker text on a pale fill.
 */
const tones: Record<StatusTone, { color: string; bgcolor: string }> = {
  success: { color: '#1b5e20', bgcolor: '#e8f5e9' },
  info: { color: '#01579b', bgcolor: '#e1f5fe' },
  warning: { color: '#7a4100', bgcolor: '#fff3e0' },
  error: { color: '#b71c1c', bgcolor: '#ffebee' },
  neutral: { color: '#424242', bgcolor: '#eeeeee' },
  strong: { color: '#ffffff', bgcolor: '#0d5c63' },
};

/** A small state label (sync state, order status...) readable in any tone. */
export function StatusChip({ tone, label, icon }: { tone: StatusTone; label: string; icon?: ReactElement }) {
  const { color, bgcolor } = tones[tone];
  return (
    <Chip
      size="small"
      label={label}
      icon={icon}
      sx={{ color, bgcolor, border: 1, borderColor: color, '& .MuiChip-icon': { color } }}
    />
  );
}
