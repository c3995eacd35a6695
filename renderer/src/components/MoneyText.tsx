import { formatMoney } from '../lib/format';
import { useMoneyUnit } from '../lib/money-unit';

/** An amount in rial, shown in the shop's unit (rial/toman) with the language's digits. */
export function MoneyText({ rial }: { rial: number | null | undefined }) {
  const unit = useMoneyUnit();
  if (rial === null || rial === undefined) return <span>—</span>;
  // Kept on one line so «۱۲۰٬۰۰۰ تومان» never breaks between amount and unit.
  return <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(rial, unit)}</span>;
}
