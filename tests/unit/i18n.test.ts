/**
 * The catalogues against English, with the same checker as `npm run i18n:check` (SPEC [L12],
 * [L13]): each language's own plural forms, placeholders kept, nothing extra.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LOCALES, loadLanguages } from '../../app/i18n/locale-files.server.js';
import { keysOf, lookup, type Catalogue } from '../../app/i18n/translate.js';
import { checkCatalogue, hasErrors } from '../../scripts/catalogue-check.js';

const languages = loadLanguages(BUILT_IN_LOCALES);
const english = languages.find((l) => l.code === 'en')!.catalogue;

describe('[L13] key parity, per language’s plural rules', () => {
  it('[L1][L13] every shipped catalogue has every English key, in its own plural forms, none extra, none empty', () => {
    expect(languages.map((l) => l.code)).toEqual(expect.arrayContaining(['en', 'es']));
    for (const { code, catalogue } of languages) {
      const report = checkCatalogue(code, catalogue, english);
      expect({ code, missing: report.missing, extra: report.extra, wrongPlural: report.wrongPlural }).toEqual({
        code,
        missing: [],
        extra: [],
        wrongPlural: [],
      });
      expect({ code, lost: report.placeholdersMissing, added: report.placeholdersAdded }).toEqual({ code, lost: [], added: [] });
      for (const key of keysOf(catalogue)) expect(lookup(catalogue, key)!.trim().length > 0, `${code}: ${key}`).toBe(true);
    }
  });

  it('accepts Arabic’s six forms and Vietnamese’s one; refuses a form the language does not have', () => {
    const en: Catalogue = { votes_one: '{{count}} vote', votes_other: '{{count}} votes', label: 'Language' };
    const ar: Catalogue = {
      votes_zero: 'لا أصوات',
      votes_one: 'صوت واحد',
      votes_two: 'صوتان',
      votes_few: '{{count}} أصوات',
      votes_many: '{{count}} صوتًا',
      votes_other: '{{count}} صوت',
      label: 'اللغة',
    };
    expect(hasErrors(checkCatalogue('ar', ar, en))).toBe(false);
    expect(checkCatalogue('ar', ar, en).formsMissing).toEqual([]);
    const vi: Catalogue = { votes_other: '{{count}} phiếu', label: 'Ngôn ngữ' };
    expect(checkCatalogue('vi', vi, en)).toMatchObject({ missing: [], extra: [], wrongPlural: [], formsMissing: [] });
    // Vietnamese has no "one": a vi.json copying English's keys has a key nothing reads.
    expect(checkCatalogue('vi', { ...vi, votes_one: '1 phiếu' }, en).wrongPlural).toEqual(['votes_one']);
    expect(checkCatalogue('so', { votes_one: 'cod', votes_other: '{{count}} cod', votes_few: 'x', label: 'Luqadda' }, en).wrongPlural).toEqual(['votes_few']);
    // Spanish's "many" (a million) may be left out: it reads as _other. Listed, not an error.
    const es = checkCatalogue('es', { votes_one: '{{count}} voto', votes_other: '{{count}} votos', label: 'Idioma' }, en);
    expect(es.formsMissing).toEqual(['votes_many']);
    expect(hasErrors(es)).toBe(false);
  });
});

describe('[L12] i18n:check', () => {
  const en: Catalogue = {
    app: { name: 'Plenary' },
    greet: 'Hello {{name}}',
    close: 'Close',
    time: '{{count}} min',
    cast_one: 'One vote by {{who}}',
    cast_other: '{{count}} votes by {{who}}',
  };
  it('lists missing, extra and untranslated keys, and placeholders lost or added', () => {
    const so: Catalogue = {
      app: { name: 'Plenary' },
      greet: 'Salaan {{magac}}',
      close: 'Close',
      time: '{{count}} min',
      cast_one: 'Hal cod',
      cast_other: '{{count}} cod',
      stray: 'x',
    };
    const r = checkCatalogue('so', so, en);
    expect(r.missing).toEqual([]);
    expect(r.extra).toEqual(['stray']);
    expect(r.untranslated).toEqual(['close']); // "Plenary" and "{{count}} min" are the same on purpose
    expect(r.placeholdersMissing).toEqual([
      { key: 'greet', names: ['name'] },
      { key: 'cast_one', names: ['who'] },
      { key: 'cast_other', names: ['who'] },
    ]);
    expect(r.placeholdersAdded).toEqual([{ key: 'greet', names: ['magac'] }]);
    expect(hasErrors(r)).toBe(true);
  });

  it('missing keys are listed but are no error: they show in English', () => {
    const r = checkCatalogue('so', { greet: 'Salaan {{name}}' }, en);
    expect(r.missing).toEqual(['app.name', 'close', 'time', 'cast_other']);
    expect(hasErrors(r)).toBe(false);
  });

  it('a plural form may say the number in words (no {{count}}), but not drop another placeholder', () => {
    const r = checkCatalogue('ar', { cast_zero: 'لا أحد', cast_one: 'صوت {{who}}', cast_two: 'صوتان', cast_other: '{{count}} {{who}}' }, en);
    expect(r.placeholdersMissing).toEqual([
      { key: 'cast_zero', names: ['who'] },
      { key: 'cast_two', names: ['who'] },
    ]);
  });
});

describe('[L8] the README lists every language with its status', () => {
  it('its table is the one the catalogues give (npm run i18n:check -- --readme)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { languageTable } = await import('../../scripts/catalogue-check.js');
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const table = /<!-- languages:start -->\n([\s\S]*?)\n<!-- languages:end -->/.exec(readme)?.[1];
    expect(table, 'run npm run i18n:check -- --readme and paste the table into README.md').toBe(languageTable(languages));
  });
});
