import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFnsJalali } from '@mui/x-date-pickers/AdapterDateFnsJalali';
import { faIR as jalaliFa, enUS as jalaliEn } from 'date-fns-jalali/locale';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../i18n/language';
import type { Language } from '../i18n/resources';
import { createDeskTheme } from './desk-theme';
import { emotionCacheFor } from './emotion-cache';

/**
 * Direction, theme and date pickers follow the i18n language. The pickers always use the Jalali
 * calendar (AdapterDateFnsJalali); only their month names and digits change with the language.
 */
export function DeskThemeProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fa';
  const theme = useMemo(() => createDeskTheme(language), [language]);
  return (
    <CacheProvider value={emotionCacheFor(directionOf(language))}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <LocalizationProvider
          dateAdapter={AdapterDateFnsJalali}
          adapterLocale={language === 'fa' ? jalaliFa : jalaliEn}
        >
          {children}
        </LocalizationProvider>
      </ThemeProvider>
    </CacheProvider>
  );
}
