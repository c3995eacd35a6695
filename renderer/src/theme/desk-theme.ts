import { createTheme, type Theme } from '@mui/material/styles';
import { enUS as coreEn, faIR as coreFa } from '@mui/material/locale';
import { enUS as gridEn, faIR as gridFa } from '@mui/x-data-grid/locales';
import { enUS as pickersEn, faIR as pickersFa } from '@mui/x-date-pickers/locales';
import type { Language } from '../i18n/resources';
import { directionOf } from '../i18n/language';
import { gridLocaleFaFixes } from './grid-locale-fa';

const fontFamily = ['Vazirmatn', 'Tahoma', 'Arial', 'sans-serif'].join(',');
const locales = {
  fa: [coreFa, gridFa, pickersFa],
  en: [coreEn, gridEn, pickersEn],
} as const;

/**
 * The desk's theme per language: direction, Vazirmatn (bundled, see main.tsx) and the MUI locale text
 * for the core components, the data grid and the date pickers, so tables and pickers speak Persian.
 */
export function createDeskTheme(language: Language): Theme {
  const [core, grid, pickers] = locales[language];
  return createTheme(
    {
      direction: directionOf(language),
      palette: {
        primary: { main: '#0d5c63' },
        secondary: { main: '#b5651d' },
        background: { default: '#f5f7f8' },
      },
      typography: { fontFamily, button: { textTransform: 'none' } },
      shape: { borderRadius: 8 },
      components: {
        MuiAppBar: { defaultProps: { elevation: 0 } },
        MuiButton: { defaultProps: { disableElevation: true } },
      },
    },
    core,
    grid,
    pickers,
    language === 'fa'
      ? { components: { MuiDataGrid: { defaultProps: { localeText: gridLocaleFaFixes } } } }
      : {},
  );
}
