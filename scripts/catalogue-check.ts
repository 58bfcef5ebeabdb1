/**
 * What `npm run i18n:check` finds in one catalogue against English (ADR 024), as data: the unit
 * tests and the command read the same results. Errors break a page (a placeholder lost or made
 * up, a key nothing reads, a plural form the language does not have); missing keys and forms do
 * not (English per key, the language's own `_other` per form: SPEC [L4], [L5]), so they are
 * reported, and the command passes with them.
 */
import { intlLocale } from '../app/i18n/intl-locale';
import { keysOf, lookup, type Catalogue } from '../app/i18n/translate';

const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([^}]+?)\s*\}\}/g;

/** Values kept as in English on purpose: names, and words every language writes the same. */
export const SAME_AS_ENGLISH = new Set(['Plenary', 'OK', 'ASL', 'QR', 'Markdown', 'PDF', 'URL']);
/** Unit abbreviations many languages write as English does (`{{count}} min`). */
const UNITS = /\b(min|h|s|MHz)\b/g;

export interface CatalogueReport {
  code: string;
  /** English keys the language lacks (shown in English). For a plural key, its base with `_other`. */
  missing: string[];
  /** Keys English does not have and that are not one of the language's plural forms of an English plural key. */
  extra: string[];
  /** Plural keys whose form is not one of the language's `Intl.PluralRules` categories (nor `_zero`). */
  wrongPlural: string[];
  /** Plural forms of the language not written (they read as `_other`), e.g. `proposals.cast_many`. */
  formsMissing: string[];
  /** Values identical to English, besides SAME_AS_ENGLISH and values with no words. */
  untranslated: string[];
  /** `{{name}}` the English value has and the translation lacks. */
  placeholdersMissing: { key: string; names: string[] }[];
  /** `{{name}}` the translation has and English does not: they would show as written. */
  placeholdersAdded: { key: string; names: string[] }[];
}

/** The language's plural categories (`one`, `other`...), English's when the runtime does not know the tag. */
export function pluralCategories(code: string): string[] {
  try {
    return new Intl.PluralRules(intlLocale(Intl.PluralRules, code)).resolvedOptions().pluralCategories as string[];
  } catch {
    return new Intl.PluralRules('en').resolvedOptions().pluralCategories as string[];
  }
}

const placeholders = (text: string | undefined) => new Set([...(text ?? '').matchAll(PLACEHOLDER)].map((m) => m[1]));

/** Checks `own` (language `code`) against `english`. */
export function checkCatalogue(code: string, own: Catalogue, english: Catalogue): CatalogueReport {
  const report: CatalogueReport = {
    code,
    missing: [],
    extra: [],
    wrongPlural: [],
    formsMissing: [],
    untranslated: [],
    placeholdersMissing: [],
    placeholdersAdded: [],
  };
  const englishKeys = keysOf(english);
  const englishSet = new Set(englishKeys);
  // English plural keys by base: `proposals.cast` → its English forms.
  const pluralBases = new Map<string, string[]>();
  for (const key of englishKeys) {
    const m = PLURAL.exec(key);
    if (m) pluralBases.set(m[1], [...(pluralBases.get(m[1]) ?? []), key]);
  }
  const categories = new Set(pluralCategories(code));

  for (const key of englishKeys) {
    if (PLURAL.test(key)) continue;
    const value = lookup(own, key);
    if (value === undefined) report.missing.push(key);
    else compare(report, key, value, [lookup(english, key)!]);
  }
  for (const base of pluralBases.keys()) {
    if (lookup(own, `${base}_other`) === undefined) {
      report.missing.push(`${base}_other`);
      continue;
    }
    for (const category of categories) if (lookup(own, `${base}_${category}`) === undefined) report.formsMissing.push(`${base}_${category}`);
  }
  for (const key of keysOf(own)) {
    if (englishSet.has(key) && !PLURAL.test(key)) continue;
    const m = PLURAL.exec(key);
    if (m && pluralBases.has(m[1])) {
      if (!categories.has(m[2]) && m[2] !== 'zero') report.wrongPlural.push(key);
      else
        compare(
          report,
          key,
          lookup(own, key)!,
          pluralBases.get(m[1])!.map((k) => lookup(english, k)!),
          true,
        );
      continue;
    }
    report.extra.push(key);
  }
  return report;
}

/**
 * One value against English. For a plural form, `englishForms` holds every English form: a
 * placeholder is missing only when every English form has it (a language's "one" or "two" may
 * say the number in words), and `count` may always be left out for the same reason.
 */
function compare(report: CatalogueReport, key: string, value: string, englishForms: string[], plural = false) {
  const theirs = placeholders(value);
  const sets = englishForms.map(placeholders);
  const inAny = new Set(sets.flatMap((s) => [...s]));
  const inAll = [...inAny].filter((name) => sets.every((s) => s.has(name)) && !(plural && name === 'count'));
  const lost = inAll.filter((name) => !theirs.has(name));
  const added = [...theirs].filter((name) => !inAny.has(name));
  if (lost.length) report.placeholdersMissing.push({ key, names: lost });
  if (added.length) report.placeholdersAdded.push({ key, names: added });
  if (!plural && englishForms[0] === value && isWords(value)) report.untranslated.push(key);
  if (plural && englishForms.includes(value) && isWords(value)) report.untranslated.push(key);
}

/** Whether a value has words to translate: not only placeholders, numbers, symbols or a name kept as is. */
function isWords(value: string): boolean {
  const bare = value.replace(PLACEHOLDER, '').replace(UNITS, '').trim();
  return /\p{L}{2,}/u.test(bare) && !SAME_AS_ENGLISH.has(bare);
}

/** Whether a report has something that breaks a page (the command exits 1 on these). */
export const hasErrors = (r: CatalogueReport) => r.extra.length + r.wrongPlural.length + r.placeholdersMissing.length + r.placeholdersAdded.length > 0;

/** The README's table of languages (between its `languages:start`/`end` markers), from the catalogues' `_meta`. */
export function languageTable(languages: readonly { code: string; meta: { name: string; english: string; dir: string; status: string } }[]): string {
  const rows = languages.map(({ code, meta }) => `| \`${code}\` | ${meta.name} | ${meta.english} | ${meta.dir} | ${meta.status} |`);
  return ['| Code | Name | English name | Direction | Status |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
