import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useTranslation } from 'react-i18next';
import type { CatalogueDetail } from '../../../../../core/contracts/admin-catalogue';
import { DateText } from '../../../components/DateText';
import { localDigits } from '../../../lib/format';

/** Dead letters about the product; handled on the failed-items screen, listed here so nothing hides. */
export function DeadLetterList({ letters }: { letters: CatalogueDetail['deadLetters'] }) {
  const { t } = useTranslation('catalogue');
  if (letters.length === 0) return null;
  return (
    <Alert severity="warning">
      <AlertTitle>{t('detail.deadLetters.title')}</AlertTitle>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {letters.map((l) => (
          <li key={l.id}>
            {localDigits(`#${l.id}`)} · {l.kind} · <DateText value={l.createdAt} /> — {l.reason}
          </li>
        ))}
      </ul>
      {t('detail.deadLetters.hint')}
    </Alert>
  );
}
