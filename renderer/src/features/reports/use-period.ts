import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { lastDays, spanOf } from './report-days';
import type { Period } from './use-reports';

const isDate = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The report period, kept in the address (?from=&to=); the last 30 days when none is set. */
export function usePeriod() {
  const [params, setParams] = useSearchParams();
  const period: Period = useMemo(() => {
    const from = params.get('from');
    const to = params.get('to');
    return isDate(from) && isDate(to) && from <= to ? { from, to } : lastDays(30);
  }, [params]);
  const setPeriod = useCallback(
    (p: Period) => setParams({ from: p.from, to: p.to }, { replace: true }),
    [setParams],
  );
  return { period, setPeriod, days: spanOf(period.from, period.to) };
}
