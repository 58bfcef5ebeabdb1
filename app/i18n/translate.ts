/**
 * The translation function, as pure functions of a catalogue (ADR 021). It does the part of
 * i18next 23 that Plenary uses, with the same results: nested keys ("a.b.c"), `{{var}}`
 * interpolation (no escaping: React escapes), plurals by `count` with i18next's suffixes from
 * `Intl.PluralRules` (`_zero` first for a count of 0 when the key exists), `defaultValue`, and a
 * visible mark for a missing key. Numbers are filled in grouped as the language writes them
 * (`Intl.NumberFormat`, [L32]): pass an identifier that only looks like a number as a string. Beyond i18next: a plural form the catalogue lacks reads as its
 * `_other`, and a per-key fallback catalogue (English), resolved with English plural rules.
 */

import { formatNumber } from './format.js';
import { intlLocale } from './intl-locale.js';

/** A language's strings: nested objects of strings, as in app/i18n/locales/*.json. */
export type Catalogue = { [key: string]: string | Catalogue };

/** What `t` takes besides the key: interpolation values, `count` for plurals, `defaultValue`. */
export type TOptions = { count?: number; defaultValue?: string } & Record<string, unknown>;

/** Translates one key. */
export type TFunction = (key: string, options?: TOptions) => string;

/** Marks a key with no translation so it cannot pass unnoticed (the e2e tests look for it). */
export const MISSING_MARK = '⟦missing⟧';

/** The plural category suffixes a language uses for cardinal numbers, e.g. ['_one', '_other']. */
export function pluralSuffixes(language: string): string[] {
  return rules(language)
    .resolvedOptions()
    .pluralCategories.map((c) => `_${c}`);
}

const ruleCache = new Map<string, Intl.PluralRules>();
function rules(language: string): Intl.PluralRules {
  let r = ruleCache.get(language);
  if (!r) {
    try {
      r = new Intl.PluralRules(intlLocale(Intl.PluralRules, language), { type: 'cardinal' });
    } catch {
      // An odd tag must not break a page: English rules are the safe guess.
      r = new Intl.PluralRules('en', { type: 'cardinal' });
    }
    ruleCache.set(language, r);
  }
  return r;
}

/** The string at a dotted path, or undefined (an object or a missing path is no string). */
export function lookup(catalogue: Catalogue | undefined, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The catalogue's entry for a key with plural handling in one language, as i18next picks it. */
function resolve(catalogue: Catalogue | undefined, language: string, key: string, options: TOptions | undefined): string | undefined {
  const count = options?.count as unknown;
  // i18next: any count that is not a string (a number, even null) asks for a plural form.
  if (count !== undefined && typeof count !== 'string') {
    if (count === 0) {
      const zero = lookup(catalogue, `${key}_zero`);
      if (zero !== undefined) return zero;
    }
    const form = lookup(catalogue, `${key}_${rules(language).select(count as number)}`);
    if (form !== undefined) return form;
    // Not in i18next: a form the catalogue lacks (Spanish "many", for a million) reads as the
    // language's own "other", its catch-all, rather than as English or a mark.
    const other = lookup(catalogue, `${key}_other`);
    if (other !== undefined) return other;
  }
  return lookup(catalogue, key);
}

/**
 * Fills `{{name}}` from the values: a missing value leaves the placeholder as it is, unless the
 * name is given as undefined (then empty), as i18next does. Inserted values are not re-read.
 * A number is grouped per `language` (12345 → "12,345" in English, "12.345" in Spanish).
 */
export function interpolate(text: string, values: Record<string, unknown> | undefined, language = 'en'): string {
  if (!text.includes('{{')) return text;
  return text.replace(/\{\{(.+?)\}\}/g, (whole, name: string) => {
    const key = name.trim();
    if (!values || !Object.prototype.hasOwnProperty.call(values, key)) return whole;
    const value = values[key];
    if (typeof value === 'number') return formatNumber(language, value);
    return value === undefined || value === null ? '' : String(value);
  });
}

/**
 * Translates `key` in `language` from its catalogue; a key it lacks comes from `fallback` (English)
 * with English plural rules; then `defaultValue`; then the key with MISSING_MARK before it.
 */
export function translate(
  catalogue: Catalogue | undefined,
  language: string,
  key: string,
  options?: TOptions,
  fallback?: { catalogue: Catalogue; language: string },
): string {
  if (key === undefined || key === null) return '';
  const found = resolve(catalogue, language, key, options) ?? (fallback ? resolve(fallback.catalogue, fallback.language, key, options) : undefined);
  if (found !== undefined) return interpolate(found, options, language);
  if (options?.defaultValue !== undefined) return interpolate(options.defaultValue, options, language);
  // A page is sent only the keys its kind shows (ADR 031): a key asked for outside them is a bug in
  // app/i18n/page-keys.json's scan, said in the browser's console (the e2e harness fails on it).
  if (typeof window !== 'undefined') console.warn(`${MISSING_TEXT}${key}`);
  return `${MISSING_MARK}${key}`;
}

/** How the browser's console is told of a key with no text: this, then the key. */
export const MISSING_TEXT = 'Plenary: no text for ';

/** Every key of a catalogue, dotted. */
export function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * The part of `english` a page in `language` needs as its per-key fallback: every English entry
 * whose key the language lacks; for a plural key, all its English forms when the language has
 * no `_other` form for it (with `_other`, its own forms cover every count). Empty for a complete
 * catalogue, so a page carries one language's strings plus only what is missing (SPEC [L3], [L5]).
 */
export function fallbackFor(own: Catalogue, english: Catalogue): Catalogue {
  const out: Catalogue = {};
  for (const key of keysOf(english)) {
    const base = key.replace(PLURAL, '');
    const present = base === key ? lookup(own, key) !== undefined : lookup(own, `${base}_other`) !== undefined || lookup(own, base) !== undefined;
    if (present) continue;
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Catalogue;
    node[parts[parts.length - 1]] = lookup(english, key)!;
  }
  return out;
}
