import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LoadingState } from '../components/LoadingState';
import { formatLongDate } from '../lib/format';
import { LanguageSwitch } from './LanguageSwitch';
import { NavDrawer } from './NavDrawer';
import { UserMenu } from './UserMenu';

/** App bar across the top, navigation drawer at the start side, the routed screen in the rest. */
export function DeskLayout() {
  // The language is read here so the date re-renders on a switch (format.ts follows i18n).
  const { t, i18n } = useTranslation('common');
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          <Typography variant="h6" component="p" sx={{ fontWeight: 700, flexGrow: 1 }} noWrap>
            {t('appName')}
          </Typography>
          {/* Today's Jalali date: clerks date invoices by it and it shows the desk's digits at a glance. */}
          <Typography component="p" data-testid="today" sx={{ opacity: 0.9, marginInlineEnd: 1 }}>
            {formatLongDate(new Date(), i18n.language === 'en' ? 'en' : 'fa')}
          </Typography>
          <LanguageSwitch />
          <UserMenu />
        </Toolbar>
      </AppBar>
      <NavDrawer />
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, p: 3 }}>
        <Toolbar />
        {/* Screens are loaded per route (feature-registry.tsx): the bar and drawer stay while one loads. */}
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </Box>
    </Box>
  );
}
