import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

/**
 * The way to fix what an alert says, under its text. Not in MUI's `action` slot: that column is only
 * as wide as the alert's text leaves it, so a Persian label like «رفتن به تنظیمات فروش» broke over
 * three lines beside a long message; here it has the alert's width and stays on one line.
 */
export function AlertLink({
  to,
  children,
  'data-testid': testId,
}: {
  to: string;
  children: ReactNode;
  'data-testid'?: string;
}) {
  return (
    <Box sx={{ mt: 1 }}>
      <Button
        component={RouterLink}
        to={to}
        color="inherit"
        size="small"
        variant="outlined"
        data-testid={testId}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {children}
      </Button>
    </Box>
  );
}
