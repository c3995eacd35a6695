import { useTranslation } from 'react-i18next';
import type { ComparedField } from '../../../../core/contracts/admin-disputes';
import { readableLineName } from '../../../../core/contracts/variant-properties';
import { formatMoney, formatNumber, localDigits } from '../../lib/format';
import { useMoneyUnit } from '../../lib/money-unit';

/**
 * A line's product name as a clerk reads it: the variant's values rather than Mahak's Properties JSON
 * (older lines stored it), and the language's digits («کفش مدل 42» -> «کفش مدل ۴۲» in fa).
 */
export const readableName = (name: string): string => localDigits(readableLineName(name));

/** Labels and value formatting for the workbench; unknown reasons or fields fall back to their names. */
export function useDisputeLabels() {
  const { t } = useTranslation('disputes');
  const unit = useMoneyUnit();
  return {
    reason: (reason: string) => t(`reason.${reason}`, { defaultValue: reason }),
    resolution: (r: string) => t(`resolution.${r}`, { defaultValue: r }),
    field: (f: string) => t(`field.${f}`, { defaultValue: f }),
    action: (a: string) => t(`audit.action.${a.replace(/^dispute\./, '')}`, { defaultValue: a }),
    value: (v: ComparedField['ours'], format: ComparedField['format']): string => {
      if (v === null) return t('value.none');
      if (typeof v === 'boolean') return t(v ? 'value.yes' : 'value.no');
      if (typeof v === 'number') {
        if (format === 'money') return formatMoney(v, unit);
        return format === 'id' ? localDigits(v) : formatNumber(v);
      }
      // Mahak's text (names, codes) in the language's digits, like every figure on the desk.
      return localDigits(v);
    },
    money: (rial: number) => formatMoney(rial, unit),
  };
}
