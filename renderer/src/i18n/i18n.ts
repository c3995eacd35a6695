import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setFormatLanguage } from '../lib/format';
import { applyToDocument, storedLanguage, storeLanguage } from './language';
import { namespaces, resources, type Language } from './resources';

/** One i18next instance for the desk; resources are bundled (no network: shops are often offline). */
export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLanguage();
  i18next.on('languageChanged', (language) => {
    const lang = (language === 'en' ? 'en' : 'fa') satisfies Language;
    storeLanguage(lang);
    setFormatLanguage(lang);
    applyToDocument(lang);
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'fa',
    ns: namespaces,
    defaultNS: 'common',
    // React escapes already; i18next escaping would double-escape «&» in product names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  setFormatLanguage(lng);
  applyToDocument(lng);
  return i18next;
}

export const currentLanguage = (): Language => (i18next.language === 'en' ? 'en' : 'fa');
