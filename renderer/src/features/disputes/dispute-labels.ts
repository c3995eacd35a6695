import { useTranslation } from 'react-i18next';
import type { ComparedField } from '../../../../core/contracts/admin-disputes';
import { formatMoney, formatNumber, localDigits } from '../../lib/format';
import { useMoneyUnit } from '../../lib/money-unit';

/**
 * A line's product name as a clerk reads it. An order line's name may carry its variant as Mahak's
 * Properties JSON («کیف — [{"C":"1","V":"مشکی"}]»); only the values are shown («کیف — مشکی»).
 */
export function readableName(name: string): string {
  const at = name.indexOf('[{');
  if (at < 0) return name;
  try {
    const props = JSON.parse(name.slice(at)) as { V?: unknown }[];
    const values = props.map((p) => String(p.V ?? '')).filter(Boolean);
    return `${name.slice(0, at)}${values.join('، ')}`.trim();
  } catch {
    return name;
  }
}

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
      return v;
    },
    money: (rial: number) => formatMoney(rial, unit),
  };
}
