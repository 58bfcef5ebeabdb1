/**
 * Languages of the interface. Every catalogue in ./locales is picked up at build time:
 * adding a language is adding one file (e.g. locales/so.json) with the same keys as en.json.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

const catalogues = import.meta.glob<Record<string, unknown>>('./locales/*.json', { eager: true, import: 'default' });

export const resources: Resource = Object.fromEntries(
  Object.entries(catalogues).map(([file, translation]) => [file.replace(/^.*\/(.+)\.json$/, '$1'), { translation }]),
);

export const FALLBACK_LANGUAGE = 'en';
export const SUPPORTED_LANGUAGES = Object.keys(resources).sort((a, b) =>
  a === FALLBACK_LANGUAGE ? -1 : b === FALLBACK_LANGUAGE ? 1 : a.localeCompare(b),
);

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
export function createI18n(language: string): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    supportedLngs: SUPPORTED_LANGUAGES,
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
    parseMissingKeyHandler: (key) => `${MISSING_MARK}${key}`,
  });
  return instance;
}
