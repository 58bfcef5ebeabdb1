/**
 * How the minutes' translations name their languages and read `lang` ([L63], [L64]): by their own
 * names, in their own direction, whether or not Plenary's interface ships the language.
 */
import { expect, it } from 'vitest';
import { describeLanguage, readLanguageParam } from '../../app/utils/minutes-translations.server.js';

it('[L63] a language is named in its own words and runs in its own direction, shipped by the interface or not', () => {
  expect(describeLanguage('es')).toEqual({ code: 'es', name: 'Español', dir: 'ltr' });
  expect(describeLanguage('so')).toEqual({ code: 'so', name: 'Soomaali', dir: 'ltr' });
  expect(describeLanguage('ar')).toMatchObject({ name: 'العربية', dir: 'rtl' });
  // Not an interface language: the shared list of own names, and the script's direction.
  expect(describeLanguage('fa')).toMatchObject({ name: 'فارسی', dir: 'rtl' });
  expect(describeLanguage('ps')).toMatchObject({ name: 'پښتو', dir: 'rtl' });
  expect(describeLanguage('fr')).toMatchObject({ name: 'Français', dir: 'ltr' });
  // A tag nobody names: the tag itself, left to right, never a throw.
  expect(describeLanguage('qaa')).toEqual({ code: 'qaa', name: 'qaa', dir: 'ltr' });
});

it('[L64] lang is absent, original, a language tag, or bad (given twice, or not a tag)', () => {
  const read = (query: string) => readLanguageParam(new URL(`http://plenary.test/a/x/minutes${query}`));
  expect(read('')).toBeNull();
  expect(read('?lang=original')).toBe('original');
  expect(read('?lang=es')).toEqual({ code: 'es' });
  expect(read('?lang=es-419')).toEqual({ code: 'es-419' });
  for (const bad of ['?lang=', '?lang=ES', '?lang=es&lang=so', '?lang=..%2Fx', '?lang=e', `?lang=${'a'.repeat(40)}`, '?lang=es%0A'])
    expect(read(bad), bad).toBe('bad');
});
