/**
 * Languages of the interface. The catalogues live on the server (catalogues.server.ts); each
 * page gets its own language's catalogue (and English for any key it lacks) from the root
 * loader and builds its translator from it (ADR 021: our own small module, not i18next).
 */
import { type Catalogue, MISSING_MARK, type TFunction, type TOptions, translate } from './translate.js';

export { MISSING_MARK, type Catalogue, type TFunction, type TOptions };

export const FALLBACK_LANGUAGE = 'en';

/** One page's (or one server message's) translator: what `useTranslation().i18n` offers. */
export interface I18n {
  /** The language of the page, e.g. `es`. */
  readonly language: string;
  /** `rtl` or `ltr`: the page language's direction, from its catalogue's `_meta.dir` (ADR 024). */
  dir(): 'rtl' | 'ltr';
  /** Translates a key; a plain function, safe to pass around unbound. */
  readonly t: TFunction;
}

/**
 * A translator for one language (server: per request or cached per language; browser: once).
 * `fallback` holds English strings for keys the catalogue lacks (see `fallbackFor`): a page is
 * sent only those, never the whole English catalogue. `direction` is the catalogue's `_meta.dir`.
 */
export function createI18n(language: string, catalogue: Catalogue | undefined, fallback?: Catalogue, direction: 'ltr' | 'rtl' = 'ltr'): I18n {
  const second = fallback && language !== FALLBACK_LANGUAGE ? { catalogue: fallback, language: FALLBACK_LANGUAGE } : undefined;
  return {
    language,
    dir: () => direction,
    t: (key, options) => translate(catalogue, language, key, options, second),
  };
}
