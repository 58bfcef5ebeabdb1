/**
 * A page's words (ADR 031): of its language's catalogue and English fallback, only the keys its
 * kind of page can show (page-keys.json, made from the source by `npm run i18n:pages`) and the
 * base every page shows. The attendee page carries ~14 KB of strings instead of ~47 KB: less to
 * encode, compress and send for each of a thousand phones. Cut once per language and kind.
 */
import { CATALOGUES, FALLBACKS } from './catalogues.server';
import type { Catalogue } from './i18n';
import type { PageKind } from './page-kinds';
import PAGE_KEYS from './page-keys.json';

/** Keeps `key` ("a.b.c") when a selector names it, a key it sits under, or a start it has. */
function selected(key: string, selectors: readonly string[]): boolean {
  return selectors.some((s) => (s.endsWith('*') ? key.startsWith(s.slice(0, -1)) : key === s || key.startsWith(`${s}.`) || key.startsWith(`${s}_`)));
}

/** The part of `catalogue` whose keys `selectors` keep, nested as the catalogue is. */
export function cutCatalogue(catalogue: Catalogue, selectors: readonly string[], prefix = ''): Catalogue {
  const out: Catalogue = {};
  for (const [name, value] of Object.entries(catalogue)) {
    const key = `${prefix}${name}`;
    if (typeof value === 'string') {
      if (selected(key, selectors)) out[name] = value;
    } else {
      const inner = cutCatalogue(value, selectors, `${key}.`);
      if (Object.keys(inner).length > 0) out[name] = inner;
    }
  }
  return out;
}

/** The selectors for a kind of page: the base's and its own. */
export function pageSelectors(kind: PageKind): readonly string[] {
  const keys = PAGE_KEYS as Record<string, string[]>;
  return kind === 'other' ? keys.base : [...keys.base, ...(keys[kind] ?? [])];
}

const cut = new Map<string, { catalogue: Catalogue; fallback: Catalogue }>();

/** `language`'s words for a kind of page, with the English for any of those keys it lacks. */
export function pageCatalogue(language: string, kind: PageKind): { catalogue: Catalogue; fallback: Catalogue } {
  const id = `${language} ${kind}`;
  let words = cut.get(id);
  if (!words) {
    const selectors = pageSelectors(kind);
    words = { catalogue: cutCatalogue(CATALOGUES[language], selectors), fallback: cutCatalogue(FALLBACKS[language], selectors) };
    cut.set(id, words);
  }
  return words;
}
