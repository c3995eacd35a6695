import type { ReactNode } from 'react';
import { MoneyUnitProvider } from '../../lib/money-unit';
import { useDeskDisplay } from './use-settings';

/** Feeds the desk's MoneyUnitProvider with the shop's saved choice (toman until it is known). */
export function ShopMoneyUnit({ children }: { children: ReactNode }) {
  const { data } = useDeskDisplay();
  return <MoneyUnitProvider unit={data?.moneyDisplay ?? 'toman'}>{children}</MoneyUnitProvider>;
}
