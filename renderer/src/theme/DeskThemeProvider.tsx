import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../i18n/language';
import type { Language } from '../i18n/resources';
import { createDeskTheme } from './desk-theme';
import { emotionCacheFor } from './emotion-cache';

/**
 * Direction and theme follow the i18n language. The date pickers' calendar and digits come with the
 * picker itself (components/JalaliDatePicker.tsx), so date-fns-jalali loads only where dates are picked.
 */
export function DeskThemeProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fa';
  const theme = useMemo(() => createDeskTheme(language), [language]);
  return (
    <CacheProvider value={emotionCacheFor(directionOf(language))}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </CacheProvider>
  );
}
