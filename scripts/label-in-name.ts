/**
 * Label in name ([L45], WCAG 2.5.3): controls whose shown words and accessible name are two
 * catalogue keys (`agenda.startItem` shown, `agenda.startItemNamed` as `aria-label`), read from the
 * components, and the catalogue strings where the longer name does not contain the shown words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lookup, type Catalogue } from '../app/i18n/translate';

/** [shown key, name key] for every such control in one component's source. */
export function labelPairs(source: string): [string, string][] {
  const pairs: [string, string][] = [];
  // <Button ... aria-label={t('a.bNamed', {...})}>{t('a.b')}</Button>
  for (const m of source.matchAll(/aria-label=\{t\('([\w.-]+)'(?:,\s*\{[^}]*\})?\)\}\s*>\s*\{t\('([\w.-]+)'\)\}/g)) pairs.push([m[2], m[1]]);
  // <ApplySelect applyLabel={t('choice.set')} applyName={t('choice.setMethod')} />
  for (const m of source.matchAll(/applyLabel=\{t\('([\w.-]+)'\)\}\s*applyName=\{t\('([\w.-]+)'/g)) pairs.push([m[1], m[2]]);
  return pairs;
}

/** Every pair in the .tsx files under `dir` (app/ by default), once each. */
export function componentLabelPairs(dir = path.resolve('app')): [string, string][] {
  const files = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.tsx') ? [path.join(d, e.name)] : []));
  const all = files(dir).flatMap((f) => labelPairs(fs.readFileSync(f, 'utf8')));
  return [...new Map(all.map((p) => [p.join(' '), p])).values()];
}

/** As axe compares them: lower case, punctuation and spacing folded. */
const folded = (text: string) =>
  text
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();

/** `name key: “name” lacks “shown”` for each pair whose name does not contain its shown words (keys the catalogue lacks show in English and are skipped). */
export function labelMismatches(catalogue: Catalogue, pairs: readonly [string, string][]): string[] {
  const out: string[] = [];
  for (const [shown, name] of pairs) {
    const [label, full] = [lookup(catalogue, shown), lookup(catalogue, name)];
    if (label === undefined || full === undefined) continue;
    if (!folded(full).includes(folded(label))) out.push(`${name}: “${full}” lacks ${shown} “${label}”`);
  }
  return out;
}
