import * as catalogue from '../features/catalogue/i18n';
import * as customers from '../features/customers/i18n';
import * as orders from '../features/orders/i18n';
import * as settings from '../features/settings/i18n';
import * as setup from '../features/setup/i18n';
import * as users from '../features/users/i18n';
import * as sync from '../components/sync/i18n';
import * as runs from '../features/runs/i18n';
import * as status from '../features/status/i18n';
import * as deadLetters from '../features/dead-letters/i18n';
import * as disputes from '../features/disputes/i18n';
import * as reports from '../features/reports/i18n';
import * as common from './common';

/**
 * Every namespace's text: one entry per feature, `<area>: import * as <area> from '../features/<area>/i18n'`
 * (the module exports `fa` and `en`). Namespace = area; the shell's own text is `common`.
 * i18n/resources.test.ts checks that fa and en have the same keys.
 */
export const textsByNamespace = {
  common,
  catalogue,
  orders,
  customers,
  settings,
  setup,
  users,
  sync,
  status,
  runs,
  disputes,
  'dead-letters': deadLetters,
  reports,
} satisfies Record<string, Texts>;

export interface Texts {
  fa: TextTree;
  en: TextTree;
}
export type TextTree = { readonly [key: string]: string | TextTree };

export type Language = 'fa' | 'en';
export const languages: readonly Language[] = ['fa', 'en'];
export const namespaces = Object.keys(textsByNamespace);

/** i18next's shape: language -> namespace -> text tree. */
export const resources: Record<Language, Record<string, TextTree>> = { fa: {}, en: {} };
for (const [ns, texts] of Object.entries(textsByNamespace) as [string, Texts][]) {
  for (const lang of languages) resources[lang][ns] = texts[lang];
}
