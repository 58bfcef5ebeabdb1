import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../app/i18n/i18n.js';
import { type Catalogue, fallbackFor, interpolate, keysOf, lookup, MISSING_MARK, pluralSuffixes, type TOptions, translate } from '../../app/i18n/translate.js';

// i18next stays a devDependency for this file only: it is the reference the in-house translator
// must match (ADR 021). The settings are the ones Plenary ran with (ADR 007).
const dirOf = path.resolve(import.meta.dirname, '../../app/i18n/locales');
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(dirOf, file), 'utf8')) as Catalogue;
const en = load('en.json');
const es = load('es.json');

function reference(language: string, catalogue: Catalogue) {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { [language]: { translation: catalogue } },
    lng: language,
    fallbackLng: false,
    // [L32]: numbers grouped per locale, which i18next does when told to format every value.
    interpolation: {
      escapeValue: false,
      alwaysFormat: true,
      format: (value: string, _format?: string, lng?: string) =>
        typeof (value as unknown) === 'number' ? new Intl.NumberFormat(lng).format(value as unknown as number) : value,
    },
    initImmediate: false,
    returnNull: false,
    parseMissingKeyHandler: (key: string) => `${MISSING_MARK}${key}`,
  });
  return instance;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const COUNTS = [0, 1, 2, 3, 4, 5, 6, 10, 11, 12, 19, 20, 21, 22, 100, 101, 102, 111, 1000, 1000000, 1.5, -1];

/** Every call a page could make for every key: plurals at many counts, placeholders filled, partly filled, empty. */
function calls(catalogue: Catalogue): Array<[string, TOptions | undefined]> {
  const out: Array<[string, TOptions | undefined]> = [];
  const bases = new Set<string>();
  for (const key of keysOf(catalogue)) {
    const text = key.split('.').reduce<unknown>((o, k) => (o as Catalogue)[k], catalogue) as string;
    const names = [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1].trim());
    const vars: TOptions = Object.fromEntries(names.map((n, i) => [n, i % 2 ? 42 : `<b>«${n}» & {{x}}</b>`]));
    if (PLURAL.test(key)) {
      bases.add(key.replace(PLURAL, ''));
      continue;
    }
    out.push([key, undefined], [key, vars], [key, { ...vars, [names[0] ?? 'unused']: undefined }]);
    if (names.length > 1) out.push([key, { [names[0]]: 'only the first' }]);
  }
  for (const base of bases) {
    for (const count of COUNTS) out.push([base, { count, title: 'T', name: 'N', number: 7 }]);
    out.push([base, undefined], [`${base}_other`, { count: 3 }]);
  }
  // Missing keys, a key under a string, a plural of a missing key.
  out.push(['no.such.key', undefined], ['errors.generic.deeper', undefined], ['nope', { count: 2 }], ['', undefined]);
  return out;
}

/**
 * What i18next gave, except the one place we chose otherwise: where it marked a plural key missing
 * because the catalogue lacks the form the count needs, we read the language's own `_other`.
 */
function expected(catalogue: Catalogue, old: string, key: string, options: TOptions | undefined, language = 'en'): string {
  const other = lookup(catalogue, `${key}_other`);
  if (old === `${MISSING_MARK}${key}` && typeof options?.count === 'number' && other !== undefined) return interpolate(other, options, language);
  return old;
}

describe('[L4] the in-house translator gives what i18next 23 gave, for every key of every catalogue', () => {
  for (const [language, catalogue] of [
    ['en', en],
    ['es', es],
  ] as const) {
    it(`${language}: every key, with sample values and counts`, () => {
      const old = reference(language, catalogue);
      const mine = createI18n(language, catalogue);
      const list = calls(catalogue);
      expect(list.length).toBeGreaterThan(1000);
      const rows = list.map(([key, options]) => ({ key, options, old: String(old.t(key, options as never)), mine: mine.t(key, options) }));
      const differ = rows.filter((r) => expected(catalogue, r.old, r.key, r.options, language) !== r.mine);
      expect(differ).toEqual([]);
      // The chosen difference happens only where Spanish rules ask for "many" (a million).
      const chosen = rows.filter((r) => r.old !== r.mine);
      if (language === 'en') expect(chosen).toEqual([]);
      else expect(chosen.length > 0 && chosen.every((r) => r.options?.count === 1_000_000)).toBe(true);
    });
  }

  it('plurals in Arabic (zero, one, two, few, many, other), Somali, Vietnamese, Amharic, Tigrinya, Oromo and Hmong', () => {
    const forms = { zero: 'Z {{count}}', one: 'O {{count}}', two: 'T {{count}}', few: 'F {{count}}', many: 'M {{count}}', other: 'X {{count}}' };
    const catalogue: Catalogue = { a: { all: Object.fromEntries(Object.entries(forms).map(([k, v]) => [`n_${k}`, v])) } };
    // A key with no `_zero`: 0 takes the language's own category.
    (catalogue.a as Catalogue).some = { n_one: 'o {{count}}', n_other: 'x {{count}}', n_few: 'f {{count}}' };
    for (const language of ['ar', 'so', 'vi', 'am', 'ti', 'om', 'hmn', 'en', 'es']) {
      const old = reference(language, catalogue);
      const mine = createI18n(language, catalogue);
      for (let count = 0; count <= 120; count++) {
        for (const key of ['a.all.n', 'a.some.n'])
          expect(mine.t(key, { count }), `${language} ${key} ${count}`).toBe(expected(catalogue, String(old.t(key, { count })), key, { count }, language));
      }
    }
    expect(createI18n('ar', catalogue).t('a.all.n', { count: 3 })).toBe('F 3');
    expect(createI18n('ar', catalogue).t('a.all.n', { count: 0 })).toBe('Z 0');
    expect(createI18n('en', catalogue).t('a.all.n', { count: 0 })).toBe('Z 0'); // _zero wins when there is one
    expect(createI18n('ar', catalogue).t('a.some.n', { count: 2 })).toBe('x 2'); // no "two": its own "other"
    expect(pluralSuffixes('ar').sort()).toEqual(['_few', '_many', '_one', '_other', '_two', '_zero']);
    expect(pluralSuffixes('vi')).toEqual(['_other']);
  });

  it('interpolation edge cases, the same as i18next', () => {
    const catalogue: Catalogue = {
      e: {
        padded: 'a {{ name }} b',
        twice: '{{name}}/{{name}}',
        two: '{{a}}-{{b}}',
        none: 'plain {text}',
        brace: '{{{name}}}',
        n_one: '{{count}} x',
        n_other: '{{count}} xs',
      },
    };
    const old = reference('en', catalogue);
    const mine = createI18n('en', catalogue);
    const values: Array<TOptions | undefined> = [
      undefined,
      {},
      { name: null },
      { name: 0 },
      { name: false },
      { name: { x: 1 } },
      { name: '{{a}}', a: 'A', b: '{{name}}' },
      { name: undefined },
      { a: '$&', b: '$1' },
      { count: 1, name: 'N' },
      { count: null as unknown as number },
      { count: '2' as unknown as number },
    ];
    for (const key of keysOf(catalogue).map((k) => k.replace(PLURAL, '')))
      for (const v of values) expect(mine.t(key, v), `${key} ${JSON.stringify(v)}`).toBe(String(old.t(key, v as never)));
  });

  it('a missing key is marked; a default value is used as given (i18next marked it: the one deliberate difference)', () => {
    const mine = createI18n('es', es);
    expect(mine.t('no.such')).toBe(`${MISSING_MARK}no.such`);
    expect(mine.t('languages', {})).toBe(`${MISSING_MARK}languages`); // an object is no string
    expect(mine.t('no.such', { defaultValue: 'xx {{n}}', n: 2 })).toBe('xx 2');
    expect(mine.t('language.label', { defaultValue: 'unused' })).toBe(translate(es, 'es', 'language.label'));
    // Plenary asks for a default only for language names (meta-details), where a name beats a mark.
    expect(reference('es', es).t('no.such', { defaultValue: 'xx' })).toBe(`${MISSING_MARK}no.such`);
  });
});

describe('[L5] a key a language lacks falls back to English, per key; the page carries only those English strings', () => {
  const partial: Catalogue = {
    language: { label: 'Luqadda' },
    stack: { waiting_one: '{{count}} sugaya' }, // one form of two: the whole key falls back
  };

  it('missing keys render in English, with English plural rules; present keys in the language', () => {
    const fallback = fallbackFor(partial, en);
    const so = createI18n('so', partial, fallback);
    expect(so.t('language.label')).toBe('Luqadda');
    expect(so.t('errors.generic')).toBe(translate(en, 'en', 'errors.generic'));
    expect(so.t('stack.waiting', { count: 1 })).toBe('1 sugaya'); // its own form when it has it
    expect(so.t('stack.waiting', { count: 5 })).toBe(translate(en, 'en', 'stack.waiting', { count: 5 }));
    expect(so.t('stack.wait', { count: 1 })).toBe(translate(en, 'en', 'stack.wait', { count: 1 }));
    expect(so.t('no.such')).toBe(`${MISSING_MARK}no.such`); // missing in English too: still marked
    // Arabic with only an "other" form: every count reads Arabic, none falls to English.
    const own: Catalogue = { stack: { waiting_other: '{{count}} ينتظرون' } };
    const ar = createI18n('ar', own, fallbackFor(own, en));
    for (const count of [0, 1, 2, 3, 11, 100]) expect(ar.t('stack.waiting', { count })).toBe(`${count} ينتظرون`);
    expect(keysOf(fallbackFor(own, en))).not.toContain('stack.waiting_one');
  });

  it('the fallback holds only what is missing: nothing for a complete catalogue', () => {
    expect(fallbackFor(en, en)).toEqual({});
    expect(fallbackFor(es, en)).toEqual({});
    const fallback = fallbackFor(partial, en);
    const keys = keysOf(fallback);
    expect(keys).not.toContain('language.label');
    expect(keys).toContain('stack.waiting_one');
    expect(keys).toContain('stack.waiting_other');
    expect(keys.length).toBe(keysOf(en).length - 1);
  });

  it('Spanish at a count of a million shows Spanish, not the missing mark (i18next showed the mark)', () => {
    const esPage = createI18n('es', es, fallbackFor(es, en));
    expect(reference('es', es).t('proposals.cast', { count: 1_000_000 })).toBe(`${MISSING_MARK}proposals.cast`);
    expect(esPage.t('proposals.cast', { count: 1_000_000 })).toBe('1.000.000 votos emitidos');
    expect(esPage.t('proposals.cast', { count: 2 })).toBe(translate(es, 'es', 'proposals.cast', { count: 2 }));
  });

  it('English itself needs no fallback', () => {
    const english = createI18n('en', en, { language: { label: 'never used' } });
    expect(english.t('language.label')).toBe(translate(en, 'en', 'language.label'));
  });
});

describe('[L6] direction', () => {
  it('a translator’s direction is the one its catalogue’s _meta gives, left to right when none is given', async () => {
    expect(createI18n('ar', {}, undefined, 'rtl').dir()).toBe('rtl');
    expect(createI18n('en', {}).dir()).toBe('ltr');
    const { i18nFor, LANGUAGE_META } = await import('../../app/i18n/catalogues.server.js');
    for (const [code, meta] of Object.entries(LANGUAGE_META)) expect(i18nFor(code).dir(), code).toBe(meta.dir);
  });
});

describe('[L5] the server: one translator per language, with the fallback the page gets', () => {
  it('i18nFor and FALLBACKS', async () => {
    const { FALLBACKS, i18nFor } = await import('../../app/i18n/catalogues.server.js');
    expect(FALLBACKS.en).toEqual({});
    expect(FALLBACKS.es).toEqual({});
    expect(i18nFor('es').t('language.label')).toBe(translate(es, 'es', 'language.label'));
    expect(i18nFor('es').t('proposals.cast', { count: 1_000_000 })).not.toContain(MISSING_MARK);
    expect(i18nFor('es')).toBe(i18nFor('es')); // made once
    expect(i18nFor('zz').t('language.label')).toBe(translate(en, 'en', 'language.label')); // unknown: English
  });
});
