/**
 * Each page is sent only the words its kind can show (ADR 031, [PF20]-[PF22]): the list is made
 * from the source and kept up to date, every page has a kind, and a cut catalogue keeps every key
 * the scan found.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../app/i18n/catalogues.server';
import { cutCatalogue, pageCatalogue, pageSelectors } from '../../app/i18n/page-catalogues.server';
import { pageKind, type PageKind } from '../../app/i18n/page-kinds';
import PAGE_KEYS from '../../app/i18n/page-keys.json';
import { keysOf } from '../../app/i18n/translate';
import { KIND_ROUTES, scanPageKeys } from '../../scripts/page-keys-scan';

const ROUTES = path.resolve(import.meta.dirname, '../../app/routes');

/** An address each page route answers, by its file name. */
const ADDRESS: Record<string, string> = {
  '_index.tsx': '/',
  'a.$id._index.tsx': '/a/abc',
  'a.$id.breakout.$groupId.tsx': '/a/abc/breakout/t1',
  'a.$id.code.tsx': '/a/abc/code',
  'a.$id.codes.tsx': '/a/abc/codes',
  'a.$id.facilitate.tsx': '/a/abc/facilitate',
  'a.$id.interpret._index.tsx': '/a/abc/interpret',
  'a.$id.interpret_.minutes.tsx': '/a/abc/interpret/minutes',
  'a.$id.minutes.tsx': '/a/abc/minutes',
  'a.$id.minutes_.edit.tsx': '/a/abc/minutes/edit',
  'a.$id.notes.tsx': '/a/abc/notes',
  'a.$id.screen.tsx': '/a/abc/screen',
  'a.$id.stack.tsx': '/a/abc/stack',
  'j.tsx': '/j',
  'j_.$code.tsx': '/j/ABCD',
  'join.$token.tsx': '/join/abc',
};

describe('words per page (ADR 031)', () => {
  it('[PF20] page-keys.json is what the source asks for (npm run i18n:pages rewrites it)', () => {
    expect(PAGE_KEYS, 'app/i18n/page-keys.json is out of date: run npm run i18n:pages').toEqual(scanPageKeys());
  });

  it('[PF21] every page route has a kind, its address is told apart, and the kind lists the route first', () => {
    const pages = fs.readdirSync(ROUTES).filter((f) => /export default/.test(fs.readFileSync(path.join(ROUTES, f), 'utf8')));
    expect(pages.sort()).toEqual(Object.keys(ADDRESS).sort());
    for (const file of pages) {
      const kind = pageKind(ADDRESS[file]);
      expect(kind, file).not.toBe('other');
      expect(KIND_ROUTES[kind as Exclude<PageKind, 'other'>], file).toContain(file);
    }
    expect(pageKind('/a/abc/nothing-here')).toBe('other');
    expect(pageKind('/a/abc/')).toBe('attendee');
    // As the router reads an address: any case, decoded, repeated slashes as one.
    expect(pageKind('/J/ABC-DEF')).toBe('join');
    expect(pageKind('/%6A/abc')).toBe('join');
    expect(pageKind('/JOIN/abc')).toBe('deadLink');
    expect(pageKind('//a/abc')).toBe('attendee');
    expect(pageKind('/A/abc/FACILITATE')).toBe('console');
  });

  it('[PF20] the attendee page gets its own words and not the console’s', () => {
    const { catalogue } = pageCatalogue('en', 'attendee');
    const keys = keysOf(catalogue);
    expect(keys).toContain('stack.raiseButton');
    expect(keys).toContain('proposals.errors.already');
    expect(keys).toContain('errors.unavailable');
    expect(keys.some((k) => k.startsWith('console.links'))).toBe(false);
    expect(keys.some((k) => k.startsWith('minutesTranslations.'))).toBe(false);
    expect(keys.length).toBeLessThan(keysOf(CATALOGUES.en).length / 2);
  });

  it('[PF20] a cut keeps every key a selector names, with its plural forms, in every language', () => {
    const kinds = [...Object.keys(KIND_ROUTES), 'other'] as PageKind[];
    for (const language of Object.keys(CATALOGUES)) {
      const all = keysOf(CATALOGUES[language]);
      for (const kind of kinds) {
        const kept = new Set(keysOf(pageCatalogue(language, kind).catalogue));
        for (const s of pageSelectors(kind)) {
          const wanted = all.filter((k) => (s.endsWith('*') ? k.startsWith(s.slice(0, -1)) : k === s || k.startsWith(`${s}_`) || k.startsWith(`${s}.`)));
          for (const k of wanted) expect(kept.has(k), `${language} ${kind} ${k}`).toBe(true);
        }
      }
    }
  });

  it('[PF20] a cut drops empty branches and keeps the nesting', () => {
    const cut = cutCatalogue({ a: { b: 'x', c: { d: 'y' } }, e: { f: 'z' } }, ['a.c', 'g.*']);
    expect(cut).toEqual({ a: { c: { d: 'y' } } });
    expect(cutCatalogue({ n: { one_one: '1', one_other: 'n', onex: 'no' } }, ['n.one'])).toEqual({ n: { one_one: '1', one_other: 'n' } });
  });
});
