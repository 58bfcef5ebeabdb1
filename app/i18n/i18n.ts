/**
 * Languages of the interface. The catalogues live on the server (catalogues.server.ts); each
 * page gets its own language's catalogue from the root loader and builds i18next from it.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Catalogue = Record<string, unknown>;

export const FALLBACK_LANGUAGE = 'en';

/** Each language's own name for itself, for the switcher. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  es: 'Español',
  so: 'Soomaali',
  hmn: 'Hmoob',
  om: 'Afaan Oromoo',
};

/** Marks a key with no translation so it cannot pass unnoticed (the e2e tests look for it). */
export const MISSING_MARK = '⟦missing⟧';

/** A fresh i18next instance for one render (server: per request; browser: once). */
export function createI18n(language: string, catalogue: Catalogue): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { [language]: { translation: catalogue } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
    parseMissingKeyHandler: (key) => `${MISSING_MARK}${key}`,
  });
  return instance;
}
