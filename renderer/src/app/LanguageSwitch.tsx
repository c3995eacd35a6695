import Translate from '@mui/icons-material/Translate';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';

/** One button: shows the other language's name (in that language) and switches to it. */
export function LanguageSwitch({ color = 'inherit' }: { color?: 'inherit' | 'primary' }) {
  const { t, i18n } = useTranslation('common');
  const next = i18n.language === 'en' ? 'fa' : 'en';
  return (
    <Button
      color={color}
      startIcon={<Translate />}
      onClick={() => void i18n.changeLanguage(next)}
      lang={next}
      aria-label={`${t('language.label')}: ${t('language.switchTo')}`}
      data-testid="language-switch"
    >
      {t('language.switchTo')}
    </Button>
  );
}
