import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';

/** Persian names for a letter's source and kind; an unknown kind is shown as it is. */
export function useDeadLetterLabels() {
  const { t } = useTranslation('dead-letters');
  return {
    source: (source: string) => t(`source.${source}`, { defaultValue: source }),
    kind: (kind: string) => t(`kind.${kind.replace(/\./g, '_')}`, { defaultValue: kind }),
    what: (source: string, count: number) =>
      t(['push', 'queue', 'pull', 'pictures'].includes(source) ? `what.${source}` : 'what.other', {
        n: formatNumber(count),
      }),
  };
}
