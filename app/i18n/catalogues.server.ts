/**
 * Every interface language, on the server only, read once at start from app/i18n/locales and the
 * optional `LOCALES_DIR` (locale-files.server.ts, ADR 024): adding a language is adding one file
 * with a `_meta` block, no code. A page is sent only its own language's catalogue, in the root
 * loader's data, so a phone never downloads the others (ADR 007).
 */
import { createI18n, FALLBACK_LANGUAGE, type Catalogue, type I18n } from './i18n';
import { loadLanguages, type LanguageMeta } from './locale-files.server';
import { fallbackFor } from './translate.js';

const LOADED = loadLanguages(undefined, process.env.LOCALES_DIR || undefined);

export const CATALOGUES: Record<string, Catalogue> = Object.fromEntries(LOADED.map((l) => [l.code, l.catalogue]));

/** Each language's `_meta` (own name, English name, direction, status). */
export const LANGUAGE_META: Record<string, LanguageMeta> = Object.fromEntries(LOADED.map((l) => [l.code, l.meta]));

/** The language codes, English first, then by code. */
export const SUPPORTED_LANGUAGES = LOADED.map((l) => l.code);

/** What the switcher needs of every language: its code, own name and direction (small; sent with each page). */
export const LANGUAGE_CHOICES = LOADED.map((l) => ({ code: l.code, name: l.meta.name, dir: l.meta.dir }));

/**
 * Per language, the English strings for the keys it lacks (ADR 021): sent with the page beside its
 * own catalogue, so a half-translated language shows English for the gaps, never a key.
 */
export const FALLBACKS: Record<string, Catalogue> = Object.fromEntries(
  SUPPORTED_LANGUAGES.map((language) => [language, language === FALLBACK_LANGUAGE ? {} : fallbackFor(CATALOGUES[language], CATALOGUES[FALLBACK_LANGUAGE])]),
);

const translators = new Map<string, I18n>();
/** The server's translator for a language (English when unknown), made once per language. */
export function i18nFor(language: string): I18n {
  const known = CATALOGUES[language] ? language : FALLBACK_LANGUAGE;
  let i18n = translators.get(known);
  if (!i18n) translators.set(known, (i18n = createI18n(known, CATALOGUES[known], FALLBACKS[known], LANGUAGE_META[known].dir)));
  return i18n;
}
