import { AdapterDateFnsJalali } from '@mui/x-date-pickers/AdapterDateFnsJalali';
import { toPersianDigits } from '../lib/format';

/**
 * AdapterDateFnsJalali with Persian digits when its locale is Persian. date-fns-jalali writes Latin
 * digits even in fa-IR, so the pickers' fields («1405/09/15») and calendar days would break the desk's
 * rule of Persian digits in Persian. The pickers learn the digits from formatByString (they map typed
 * digits back through the same table), so typing still works.
 */
export class PersianDigitsJalaliAdapter extends AdapterDateFnsJalali {
  constructor(...args: ConstructorParameters<typeof AdapterDateFnsJalali>) {
    super(...args);
    const format = this.formatByString;
    const persian = this.locale?.code?.startsWith('fa') === true;
    if (persian) this.formatByString = (value, formatString) => toPersianDigits(format(value, formatString));
  }
}
