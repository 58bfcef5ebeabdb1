import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { intlLocale } from '../../app/i18n/intl-locale.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

// What a page, the translator and `npm run i18n:check` make of Hmong (a language the runtime has
// no locale data for), run in a process whose default locale is `locale`.
const PROBE = `
import { formatNumber, formatInstant } from './app/i18n/format.ts';
import { translate, pluralSuffixes } from './app/i18n/translate.ts';
import { pluralCategories } from './scripts/catalogue-check.ts';
const catalogue = { n_one: 'one {{count}}', n_other: 'other {{count}}' };
console.log(JSON.stringify({
  defaultLocale: new Intl.NumberFormat().resolvedOptions().locale,
  number: formatNumber('hmn', 12345),
  time: formatInstant('hmn', Date.UTC(2026, 4, 1, 18, 5), 'UTC'),
  plural: translate(catalogue, 'hmn', 'n', { count: 1 }),
  suffixes: pluralSuffixes('hmn'),
  categories: pluralCategories('hmn'),
  somali: formatNumber('so', 12345),
}));
`;

function probe(locale: string): Record<string, unknown> {
  const env = { ...process.env, LANG: locale, LC_ALL: locale, LC_MESSAGES: locale };
  const out = execFileSync(tsx, ['--eval', PROBE], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe('[L80] a language the runtime does not know is formatted as English, never as the machine default', () => {
  it('[L80] intlLocale keeps a known tag and names English for an unknown or malformed one', () => {
    expect(intlLocale(Intl.PluralRules, 'ar')).toBe('ar');
    expect(intlLocale(Intl.NumberFormat, 'sr-Latn-RS')).toBe('sr-Latn-RS');
    expect(intlLocale(Intl.PluralRules, 'hmn')).toBe('en');
    expect(intlLocale(Intl.DateTimeFormat, 'kar')).toBe('en');
    expect(intlLocale(Intl.NumberFormat, 'not a tag!')).toBe('en');
  });

  it.each(['ar_EG.UTF-8', 'ja_JP.UTF-8'])('[L80] under LANG=%s, Hmong numbers, times and plurals are English, Somali stays Somali', (locale) => {
    const seen = probe(locale);
    // The child really runs with that default (else this test could not fail).
    expect(seen.defaultLocale).toMatch(new RegExp(`^${locale.slice(0, 2)}`));
    expect(seen.number).toBe('12,345');
    expect(seen.time).toBe('6:05 PM');
    expect(seen.plural).toBe('one 1');
    expect(seen.suffixes).toEqual(['_one', '_other']);
    expect(seen.categories).toEqual(['one', 'other']);
    expect(seen.somali).toBe(new Intl.NumberFormat('so').format(12345));
  });
});
