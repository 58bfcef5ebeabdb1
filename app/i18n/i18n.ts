/**
 * Languages of the interface. The catalogues live on the server (catalogues.server.ts); each
 * page gets its own language's catalogue (and English for any key it lacks) from the root
 * loader and builds its translator from it (ADR 021: our own small module, not i18next).
 */
import { type Catalogue, dir, MISSING_MARK, type TFunction, type TOptions, translate } from './translate';

export { MISSING_MARK, type Catalogue, type TFunction, type TOptions };

export const FALLBACK_LANGUAGE = 'en';

/** Each language's own name for itself, for the switcher. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  es: 'Español',
  so: 'Soomaali',
  hmn: 'Hmoob',
  om: 'Afaan Oromoo',
};

/** One page's (or one server message's) translator: what `useTranslation().i18n` offers. */
export interface I18n {
  /** The language of the page, e.g. `es`. */
  readonly language: string;
  /** `rtl` or `ltr` for a language (the page's when none is given). */
  dir(language?: string): 'rtl' | 'ltr';
  /** Translates a key; a plain function, safe to pass around unbound. */
  readonly t: TFunction;
}

/**
 * A translator for one language (server: per request or cached per language; browser: once).
 * `fallback` holds English strings for keys the catalogue lacks (see `fallbackFor`): a page is
 * sent only those, never the whole English catalogue.
 */
export function createI18n(language: string, catalogue: Catalogue | undefined, fallback?: Catalogue): I18n {
  const second = fallback && language !== FALLBACK_LANGUAGE ? { catalogue: fallback, language: FALLBACK_LANGUAGE } : undefined;
  return {
    language,
    dir: (lng = language) => dir(lng),
    t: (key, options) => translate(catalogue, language, key, options, second),
  };
}
