import { AdapterDateFnsJalali } from '@mui/x-date-pickers/AdapterDateFnsJalali';
import { toPersianDigits } from '../lib/format';

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII, for date-fns-jalali's parser. */
const toLatinDigits = (text: string): string =>
  text
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));

/**
 * AdapterDateFnsJalali with Persian digits when its locale is Persian. date-fns-jalali writes Latin
 * digits even with its faIR locale, so the pickers' fields («1405/09/15»), calendar days and years
 * broke the desk's rule of Persian digits in Persian. MUI learns a field's digits from formatByString
 * (getLocalizedDigits formats the seconds 0-9) and hands parse() the section text in those digits, so
 * parse() turns them back into Latin ones for date-fns-jalali: typing a date keeps working.
 *
 * MUI decides whether a year section has leading zeros by formatting year 1 and asking whether it
 * starts with an ASCII «0»; with «۰۰۰۱» it does not, and a digit section without leading zeros must
 * carry a maxLength in the adapter's token map (date-fns has none for yyyy/yy), or the field throws
 * «The token yyyy should have a 'maxLength' property» and the screen with the picker goes blank.
 */
export class PersianDigitsJalaliAdapter extends AdapterDateFnsJalali {
  constructor(...args: ConstructorParameters<typeof AdapterDateFnsJalali>) {
    super(...args);
    if (this.locale?.code?.startsWith('fa') !== true) return;
    const format = this.formatByString;
    const parse = this.parse;
    this.formatByString = (value, formatString) => toPersianDigits(format(value, formatString));
    this.parse = (value, formatString) => parse(toLatinDigits(value), formatString);
    this.formatTokenMap = {
      ...this.formatTokenMap,
      yyyy: { sectionType: 'year', contentType: 'digit', maxLength: 4 },
      yy: { sectionType: 'year', contentType: 'digit', maxLength: 2 },
    };
  }
}
