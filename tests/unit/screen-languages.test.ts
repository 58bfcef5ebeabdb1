/**
 * The projector's languages as the model reads them ([L50]) and as its labels say them ([L51]):
 * whatever a writer put in the field reads as at most two distinct codes, and a label in two
 * languages is two parts, each with its own `lang` and `dir`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MAX_SCREEN_LANGUAGES, readScreenLanguages, setScreenLanguages } from '../../app/model/screen-languages.js';
import { createI18n } from '../../app/i18n/i18n.js';
import { I18nProvider } from '../../app/i18n/react.js';
import { ScreenLanguagesProvider, useScreenWords, type WordsLayout } from '../../app/components/screen-words.js';

describe('[L50] readScreenLanguages', () => {
  it.each([
    ['nothing', undefined, []],
    ['a string', 'so', []],
    ['a number', 5, []],
    ['an object', { 0: 'so' }, []],
    ['codes and junk', [7, 'so', null, '<b>', 'so', 'en', 'ar'], ['so', 'en']],
    ['three codes', ['so', 'en', 'ar'], ['so', 'en']],
    ['one', ['ar'], ['ar']],
  ])('%s reads as the codes it holds, at most two', (_what, value, expected) => {
    const doc = new Y.Doc();
    if (value !== undefined) doc.getMap('meta').set('screenLanguages', value);
    const read = readScreenLanguages(doc);
    expect(read).toEqual(expected);
    expect(read.length).toBeLessThanOrEqual(MAX_SCREEN_LANGUAGES);
  });

  it('setScreenLanguages sets one or two, clears with none, and refuses anything else', () => {
    const doc = new Y.Doc();
    setScreenLanguages(doc, ['so', 'en']);
    expect(readScreenLanguages(doc)).toEqual(['so', 'en']);
    setScreenLanguages(doc, []);
    expect(doc.getMap('meta').has('screenLanguages')).toBe(false);
    for (const bad of [['so', 'en', 'ar'], ['so', 'so'], ['Somali'], ['']]) expect(() => setScreenLanguages(doc, bad)).toThrow(RangeError);
  });
});

describe('[L51] a label in the projector’s languages', () => {
  const en = createI18n('en', { stack: { nowSpeaking: 'Now speaking' }, brand: 'Plenary' });
  const so = createI18n('so', { stack: { nowSpeaking: 'Hadda hadlaya' }, brand: 'Plenary' });
  const ar = createI18n('ar', { stack: { nowSpeaking: 'يتحدث الآن' } }, { brand: 'Plenary' }, 'rtl');
  function Label({ k, layout }: { k: string; layout?: WordsLayout }) {
    return h('p', null, useScreenWords().say(k, undefined, layout));
  }
  const render = (languages: ReturnType<typeof createI18n>[] | null, k: string, layout?: WordsLayout) =>
    renderToStaticMarkup(
      h(I18nProvider, {
        i18n: en,
        children: languages ? h(ScreenLanguagesProvider, { languages, children: h(Label, { k, layout }) }) : h(Label, { k, layout }),
      }),
    );

  it('in the page’s own language alone: the plain words, as on any page', () => {
    expect(render(null, 'stack.nowSpeaking')).toBe('<p>Now speaking</p>');
    expect(render([en], 'stack.nowSpeaking')).toBe('<p>Now speaking</p>');
  });

  it('in another language alone: marked with its language', () => {
    expect(render([so], 'stack.nowSpeaking')).toBe('<p><span lang="so" dir="ltr" data-screen-lang="so">Hadda hadlaya</span></p>');
  });

  it('in Arabic and English: two parts, the Arabic one right to left, a dot between that is not read out', () => {
    expect(render([ar, en], 'stack.nowSpeaking')).toBe(
      '<p><span lang="ar" dir="rtl" data-screen-lang="ar">يتحدث الآن</span><span aria-hidden="true"> · </span><span lang="en" dir="ltr" data-screen-lang="en">Now speaking</span></p>',
    );
  });

  it('stacked: one language above the other, each line lined up with the page', () => {
    expect(render([so, en], 'stack.nowSpeaking', 'stack')).toBe(
      '<p><span class="block"><span lang="so" dir="ltr" data-screen-lang="so">Hadda hadlaya</span></span><span class="block"><span lang="en" dir="ltr" data-screen-lang="en">Now speaking</span></span></p>',
    );
  });

  it('words that are the same in both (a name, or a key read in English) show once', () => {
    expect(render([ar, en], 'brand')).toBe('<p><span lang="ar" dir="rtl" data-screen-lang="ar">Plenary</span></p>');
  });
});
