import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { DeadLetterFilter, DeadLetterSource } from '../../../../core/contracts/admin-dead-letters';

/** The filter as the clerk set it: kept in the address, so a reload or a shared link shows the same list. */
export interface DeadLetterFilterState {
  source: DeadLetterSource | '';
  kind: string;
  /** Gregorian civil dates (YYYY-MM-DD) of the Jalali days picked; inclusive. */
  from: string;
  to: string;
  q: string;
}

const keys = ['source', 'kind', 'from', 'to', 'q'] as const;
const sources: readonly string[] = ['push', 'queue', 'pull', 'pictures'];

export function useDeadLetterFilter() {
  const [params, setParams] = useSearchParams();
  const state: DeadLetterFilterState = useMemo(() => {
    const source = params.get('source') ?? '';
    return {
      source: (sources.includes(source) ? source : '') as DeadLetterFilterState['source'],
      kind: params.get('kind') ?? '',
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      q: params.get('q') ?? '',
    };
  }, [params]);
  const update = useCallback(
    (change: Partial<DeadLetterFilterState>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const key of keys) {
            const value = key in change ? change[key] : prev.get(key);
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const selected = params.get('letter');
  const select = useCallback(
    (id: number | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (id === null) next.delete('letter');
          else next.set('letter', String(id));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { state, update, selectedId: selected ? Number(selected) : null, select };
}

/** The local midnight starting a civil date: the shop's PC counts days in Tehran like the server. */
export const dayStart = (date: string): Date => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/** The API's filter: the picked days as instants ([from's midnight, the midnight after to)). */
export function apiFilterOf(s: DeadLetterFilterState): DeadLetterFilter {
  const next = (date: string) => {
    const d = dayStart(date);
    d.setDate(d.getDate() + 1);
    return d;
  };
  return {
    ...(s.source ? { source: s.source } : {}),
    ...(s.kind ? { kind: s.kind } : {}),
    ...(s.from ? { from: dayStart(s.from).toISOString() } : {}),
    ...(s.to ? { to: next(s.to).toISOString() } : {}),
    ...(s.q.trim() ? { q: s.q.trim() } : {}),
  };
}

/** YYYY-MM-DD of a picked date (its local civil day). */
export const civilDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
