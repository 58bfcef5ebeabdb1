/**
 * Every catalogue in ./locales, on the server only: adding a language is adding one file
 * (e.g. locales/so.json) with the same keys as en.json. A page is sent only its own language's
 * catalogue, in the root loader's data, so a phone never downloads the others (ADR 007).
 */
import { createI18n, FALLBACK_LANGUAGE, type Catalogue, type I18n } from './i18n';
import { fallbackFor } from './translate';

const files = import.meta.glob<Catalogue>('./locales/*.json', { eager: true, import: 'default' });

export const CATALOGUES: Record<string, Catalogue> = Object.fromEntries(
  Object.entries(files).map(([file, catalogue]) => [file.replace(/^.*\/(.+)\.json$/, '$1'), catalogue]),
);

export const SUPPORTED_LANGUAGES = Object.keys(CATALOGUES).sort((a, b) =>
  a === FALLBACK_LANGUAGE ? -1 : b === FALLBACK_LANGUAGE ? 1 : a.localeCompare(b),
);

/**
 * Per language, the English strings for the keys it lacks (ADR 021): sent with the page beside its
 * own catalogue, so a half-translated language shows English for the gaps, never a key.
 */
export const FALLBACKS: Record<string, Catalogue> = Object.fromEntries(
  SUPPORTED_LANGUAGES.map((language) => [
    language,
    language === FALLBACK_LANGUAGE ? {} : fallbackFor(CATALOGUES[language], CATALOGUES[FALLBACK_LANGUAGE]),
  ]),
);

const translators = new Map<string, I18n>();
/** The server's translator for a language (English when unknown), made once per language. */
export function i18nFor(language: string): I18n {
  const known = CATALOGUES[language] ? language : FALLBACK_LANGUAGE;
  let i18n = translators.get(known);
  if (!i18n) translators.set(known, (i18n = createI18n(known, CATALOGUES[known], FALLBACKS[known])));
  return i18n;
}
