import { DatePicker, type DatePickerProps } from '@mui/x-date-pickers/DatePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { faIR as jalaliFa, enUS as jalaliEn } from 'date-fns-jalali/locale';
import { useTranslation } from 'react-i18next';
import { PersianDigitsJalaliAdapter } from '../theme/jalali-adapter';

/**
 * The desk's date picker: the Jalali calendar always (the shop's books and Mahak use it), month names
 * and digits by language (Persian digits in fa, theme/jalali-adapter.ts). The adapter and
 * date-fns-jalali come with it, so they load with the few screens that pick dates, not the first paint;
 * the pickers' own texts come from the theme (desk-theme.ts).
 */
export function JalaliDatePicker(props: DatePickerProps) {
  const { i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  return (
    <LocalizationProvider dateAdapter={PersianDigitsJalaliAdapter} adapterLocale={fa ? jalaliFa : jalaliEn}>
      <DatePicker {...(fa ? { dayOfWeekFormatter: weekdayInitial } : {})} {...props} />
    </LocalizationProvider>
  );
}

/**
 * The calendar's column heads. MUI takes the first letter of the short weekday name, and date-fns-jalali
 * writes Sunday..Thursday as «۱ش».. «۵ش», so the heads read «ش ۱ ۲ ۳ ۴ ۵ ج»; a Persian calendar heads
 * them with the initials, Sunday first here to match Date#getDay.
 */
const initials = ['ی', 'د', 'س', 'چ', 'پ', 'ج', 'ش'];
const weekdayInitial = (date: Date): string => initials[date.getDay()] ?? '';
