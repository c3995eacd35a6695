import { createContext, useContext, type ReactNode } from 'react';
import type { MoneyUnit } from './format';

/**
 * Rial or toman for every amount on the desk. Defaults to toman (what clerks say aloud); the settings
 * feature wraps the app with the shop's saved choice.
 */
const MoneyUnitContext = createContext<MoneyUnit>('toman');

export function MoneyUnitProvider({ unit, children }: { unit: MoneyUnit; children: ReactNode }) {
  return <MoneyUnitContext.Provider value={unit}>{children}</MoneyUnitContext.Provider>;
}

export const useMoneyUnit = (): MoneyUnit => useContext(MoneyUnitContext);
