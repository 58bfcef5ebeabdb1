/**
 * Label in name, in every language ([L45], WCAG 2.5.3): a button that shows short words ("Start
 * now") and tells a screen reader more ("Start now: “Contract vote”", its `aria-label`) must say
 * the shown words inside the longer name, or a person using voice control who says what they see
 * cannot press it (axe: label-content-name-mismatch). The pairs are read from the components, so a
 * new one is checked too; each catalogue's wording is the translator's, this test holds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LOCALES, loadLanguages } from '../../app/i18n/locale-files.server.js';
import { lookup } from '../../app/i18n/translate.js';

const APP = path.resolve(import.meta.dirname, '../../app');

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(full) : e.name.endsWith('.tsx') ? [full] : [];
  });
}

/** [shown key, name key] for every control whose visible words and accessible name are two keys. */
export function labelPairs(source: string): [string, string][] {
  const pairs: [string, string][] = [];
  // <Button ... aria-label={t('a.bNamed', {...})}>{t('a.b')}</Button>
  for (const m of source.matchAll(/aria-label=\{t\('([\w.-]+)'(?:,\s*\{[^}]*\})?\)\}\s*>\s*\{t\('([\w.-]+)'\)\}/g)) pairs.push([m[2], m[1]]);
  // <ApplySelect applyLabel={t('choice.set')} applyName={t('choice.setMethod')} />
  for (const m of source.matchAll(/applyLabel=\{t\('([\w.-]+)'\)\}\s*applyName=\{t\('([\w.-]+)'/g)) pairs.push([m[1], m[2]]);
  return pairs;
}

/** As axe compares them: lower case, punctuation and spacing folded. */
const folded = (text: string) => text.toLocaleLowerCase().replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();

describe('[L45] the words a button shows are part of its accessible name, in every language', () => {
  const pairs = [...new Map(tsxFiles(APP).flatMap((f) => labelPairs(fs.readFileSync(f, 'utf8'))).map((p) => [p.join(' '), p])).values()];

  it('the components’ pairs are found (agenda rows, the stack-keeper, the apply buttons)', () => {
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['agenda.startItem', 'agenda.startItemNamed'],
        ['agenda.duplicate', 'agenda.duplicateNamed'],
        ['agenda.reopen', 'agenda.reopenNamed'],
        ['stack.remove', 'stack.removeNamed'],
        ['choice.set', 'choice.setMethod'],
        ['choice.move', 'choice.moveTable'],
      ]),
    );
    expect(labelPairs(`<Button aria-label={t('x.goNamed', { title: item.title })}>\n  {t('x.go')}\n</Button>`)).toEqual([['x.go', 'x.goNamed']]);
  });

  it('each catalogue says the shown words inside the longer name', () => {
    const mismatches: string[] = [];
    for (const { code, catalogue } of loadLanguages(BUILT_IN_LOCALES))
      for (const [shown, name] of pairs) {
        const [label, full] = [lookup(catalogue, shown), lookup(catalogue, name)];
        // A key the catalogue lacks shows in English, which the English catalogue answers for.
        if (label === undefined || full === undefined) continue;
        if (!folded(full).includes(folded(label))) mismatches.push(`${code} ${name}: “${full}” does not contain ${shown} “${label}”`);
      }
    expect(mismatches).toEqual([]);
  });
});
