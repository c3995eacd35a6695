import type { TFunction } from 'i18next';
import type { RunLogLine, RunSummary } from '../../../../core/contracts/admin-sync';
import { formatNumber, localDigits } from '../../lib/format';

/** «All sections» / «Only Products» / «Products, record 12» for a run's scope string. */
export function scopeLabel(t: TFunction, run: Pick<RunSummary, 'kind' | 'scope'>): string {
  if (run.kind !== 'pull') return '';
  const [kind, entity, id] = run.scope.split(':');
  const entityName = entity ? t(`sync:entity.${entity}`) : '';
  if (kind === 'entity') return t('runs:scope.entity', { entity: entityName });
  if (kind === 'record') return t('runs:scope.record', { entity: entityName, id: localDigits(id ?? '') });
  return t('runs:scope.all');
}

export function durationLabel(t: TFunction, ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m === 0
    ? t('runs:duration.seconds', { s: formatNumber(s) })
    : t('runs:duration.minutes', { m: formatNumber(m), s: formatNumber(s) });
}

/** A log line in the clerk's words: its event key translated, numbers in the desk's digits. */
export function logText(t: TFunction, line: RunLogLine): string {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(line.data)) {
    if (typeof value === 'number') values[key] = key === 'id' ? localDigits(value) : formatNumber(value);
    else values[key] = String(value ?? '');
  }
  if (line.entity) values.entity = t(`sync:entity.${line.entity}`);
  if (typeof line.data.scope === 'string')
    values.scope = scopeLabel(t, { kind: 'pull', scope: line.data.scope });
  return t(`runs:log.${line.event}`, {
    ...values,
    defaultValue: t('runs:log.unknown', { event: line.event }),
  });
}
