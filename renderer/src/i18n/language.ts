import type { Language } from './resources';

const storageKey = 'hamgam.language';

/** The desk opens in Persian unless the user chose English before (kept per browser). */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'fa';
  } catch {
    return 'fa';
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private mode or a full quota: the choice lasts for this page only, which is acceptable.
  }
}

export const directionOf = (language: Language): 'rtl' | 'ltr' => (language === 'fa' ? 'rtl' : 'ltr');

/** `dir`/`lang` on <html> so the browser, screen readers and MUI portals (menus, dialogs) agree. */
export function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}
