/**
 * The catalogues as the server reads them at start (ADR 024): `_meta`, LOCALES_DIR adding and
 * overriding languages, bad files refused with a message that names them, and the per-key
 * English fallback over what was loaded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../app/i18n/i18n.js';
import { BUILT_IN_LOCALES, CatalogueFileError, loadLanguages } from '../../app/i18n/locale-files.server.js';
import { fallbackFor, lookup, MISSING_MARK } from '../../app/i18n/translate.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/locales');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh LOCALES_DIR holding these files (name → JSON value, or raw text). */
function localesDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-locales-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}
const meta = (over: Record<string, unknown> = {}) => ({ name: 'Soomaali', english: 'Somali', dir: 'ltr', status: 'needs review by a native speaker', ...over });
const byCode = (dir?: string) => Object.fromEntries(loadLanguages(BUILT_IN_LOCALES, dir).map((l) => [l.code, l]));

describe('[L8] every catalogue says what language it is', () => {
  it('English and Spanish carry _meta: own name, English name, direction, status "complete"; English comes first', () => {
    const languages = loadLanguages();
    expect(languages[0].code).toBe('en');
    const { en, es } = byCode();
    expect(en.meta).toMatchObject({ name: 'English', english: 'English', dir: 'ltr', status: 'complete' });
    expect(es.meta).toMatchObject({ name: 'Español', english: 'Spanish', dir: 'ltr', status: 'complete' });
    // _meta is not a string a page can ask for, and no page is sent it as one.
    for (const { catalogue } of languages) expect(lookup(catalogue, '_meta.name')).toBeUndefined();
  });
});

describe('[L10] LOCALES_DIR adds languages and fixes built-in ones', () => {
  it('a new code is a new language, read at start with its own _meta and strings', () => {
    // Persian: not shipped (so this adds a language rather than fixing one), right to left.
    expect(byCode().fa).toBeUndefined();
    const dir = localesDir({ 'fa.json': { _meta: meta({ name: 'فارسی', english: 'Persian', dir: 'rtl' }), language: { label: 'زبان' } } });
    const languages = byCode(dir);
    expect(languages.fa.meta).toMatchObject({ name: 'فارسی', english: 'Persian', dir: 'rtl' });
    expect(lookup(languages.fa.catalogue, 'language.label')).toBe('زبان');
    expect(languages.fa.files).toEqual([path.join(dir, 'fa.json')]);
    // Every shipped language stays beside it.
    expect(Object.keys(languages).sort()).toEqual([...Object.keys(byCode()), 'fa'].sort());
  });

  it('a file for a built-in code replaces it key by key: its keys win, the others and the rest of _meta stay', () => {
    const builtIn = byCode().es;
    const dir = localesDir({ 'es.json': { _meta: { status: 'reviewed by the Local 12 committee' }, language: { label: 'Lengua' } } });
    const es = byCode(dir).es;
    expect(lookup(es.catalogue, 'language.label')).toBe('Lengua');
    expect(lookup(es.catalogue, 'language.change')).toBe(lookup(builtIn.catalogue, 'language.change'));
    expect(lookup(es.catalogue, 'proposals.cast_other')).toBe(lookup(builtIn.catalogue, 'proposals.cast_other'));
    expect(es.meta).toEqual({ ...builtIn.meta, status: 'reviewed by the Local 12 committee' });
    expect(es.files).toEqual([path.join(BUILT_IN_LOCALES, 'es.json'), path.join(dir, 'es.json')]);
    // The built-in files are not changed by an override.
    expect(lookup(byCode().es.catalogue, 'language.label')).toBe(lookup(builtIn.catalogue, 'language.label'));
  });
});

describe('[L11] a catalogue that cannot be used stops the start, naming the file and the fault', () => {
  it.each([
    ['not JSON', { 'so.json': '{"_meta": {"name": "Soomaali",' }, /so\.json is not valid JSON/],
    // Persian (fa) is not shipped: its file adds a language, so it must say what it is.
    ['no _meta', { 'fa.json': { language: { label: 'زبان' } } }, /fa\.json has no "_meta" object/],
    ['a wrong direction', { 'so.json': { _meta: meta({ dir: 'right-to-left' }) } }, /so\.json: "_meta\.dir" must be "ltr" or "rtl"/],
    ['no own name', { 'so.json': { _meta: meta({ name: ' ' }) } }, /"_meta\.name" must be a non-empty string/],
    ['no status', { 'fa.json': { _meta: meta({ status: undefined }) } }, /"_meta\.status"/],
    ['a number for a string', { 'so.json': { _meta: meta(), language: { label: 3 } } }, /"language\.label" must be a string/],
    ['an array', { 'so.json': [] }, /must hold one JSON object/],
    ['a name that is no language code', { 'Somali!.json': { _meta: meta() } }, /must be a language code/],
    ['a wrong direction in an override', { 'es.json': { _meta: { dir: 'up' } } }, /es\.json: "_meta\.dir"/],
  ])('%s', (_, files, message) => {
    const dir = localesDir(files);
    expect(() => loadLanguages(BUILT_IN_LOCALES, dir)).toThrow(CatalogueFileError);
    expect(() => loadLanguages(BUILT_IN_LOCALES, dir)).toThrow(message);
    expect(() => loadLanguages(BUILT_IN_LOCALES, dir)).toThrow(/^Plenary cannot start: /);
  });

  it('a LOCALES_DIR that does not exist, and a folder without English', () => {
    expect(() => loadLanguages(BUILT_IN_LOCALES, path.join(os.tmpdir(), 'no-such-plenary-locales'))).toThrow(/LOCALES_DIR .* cannot be read \(ENOENT\)/);
    expect(() => loadLanguages(localesDir({ 'es.json': { _meta: meta() } }))).toThrow(/no English catalogue/);
  });
});

describe('[L5] the per-key English fallback over loaded catalogues', () => {
  it('an added language shows its own strings and plural forms, English for the keys it lacks, never a mark', () => {
    // A few Arabic strings alone (tests/fixtures/locales/ar.json; the shipped Arabic catalogue has every key).
    const { en } = byCode();
    const ar = { catalogue: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'ar.json'), 'utf8')), meta: { dir: 'rtl' as const } };
    const t = createI18n('ar', ar.catalogue, fallbackFor(ar.catalogue, en.catalogue), ar.meta.dir);
    expect(t.dir()).toBe('rtl');
    expect(t.t('language.label')).toBe('اللغة');
    expect(t.t('console.heading')).toBe('لوحة الميسّر');
    expect(t.t('errors.404')).toBe(lookup(en.catalogue, 'errors.404'));
    expect([0, 1, 2, 3, 11, 100].map((count) => t.t('proposals.cast', { count }))).toEqual([
      'لم يُدلَ بأي صوت',
      'صوت واحد',
      'صوتان',
      '3 أصوات',
      '11 صوتًا',
      '100 صوت',
    ]);
    // A plural key it lacks comes whole from English, with English rules.
    expect(t.t('stack.waiting', { count: 2 })).toBe(createI18n('en', en.catalogue).t('stack.waiting', { count: 2 }));
    expect(t.t('proposals.cast', { count: 5 })).not.toContain(MISSING_MARK);
  });
});
