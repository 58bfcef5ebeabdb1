/**
 * `npm run i18n:check`: every interface language against English, as the server reads them
 * (app/i18n/locales, then LOCALES_DIR when set: `LOCALES_DIR=./mine npm run i18n:check`).
 * Prints per language its status and what is missing, extra, untranslated, or wrong in
 * placeholders and plural forms. Exits 1 on extra keys, wrong plural keys, or a placeholder lost
 * or added (they break a page), and on a file the server would refuse; missing keys and plural
 * forms are listed but allowed (English per key, the language's `_other` per form).
 * `--readme` prints the README's table of languages instead.
 */
import { CatalogueFileError, loadLanguages } from '../app/i18n/locale-files.server';
import { checkCatalogue, hasErrors, languageTable, pluralCategories } from './catalogue-check';
import { componentLabelPairs, labelMismatches } from './label-in-name';

const LIST = 12;
const list = (label: string, items: string[]) => {
  if (!items.length) return;
  console.log(`  ${label} (${items.length}):`);
  for (const item of items.slice(0, LIST)) console.log(`    ${item}`);
  if (items.length > LIST) console.log(`    … and ${items.length - LIST} more`);
};

let languages;
try {
  languages = loadLanguages(undefined, process.env.LOCALES_DIR || undefined);
} catch (err) {
  if (!(err instanceof CatalogueFileError)) throw err;
  console.error(err.message);
  process.exit(1);
}
// `npm run i18n:check -- --readme`: the README's table of languages, to paste between its markers.
if (process.argv.includes('--readme')) {
  console.log(languageTable(languages));
  process.exit(0);
}
const english = languages.find((l) => l.code === 'en')!;
const labelPairs = componentLabelPairs();
let failed = 0;
for (const { code, meta, catalogue, files } of languages) {
  console.log(`${code} · ${meta.name} (${meta.english}) · ${meta.dir} · ${meta.status}`);
  console.log(`  from ${files.join(' + ')}; plural forms: ${pluralCategories(code).join(', ')}`);
  if (code === 'en') continue;
  const r = checkCatalogue(code, catalogue, english.catalogue);
  list('ERROR extra keys (English has none such)', r.extra);
  list('ERROR plural keys not among this language’s forms', r.wrongPlural);
  list(
    'ERROR placeholders missing',
    r.placeholdersMissing.map((p) => `${p.key}: {{${p.names.join('}}, {{')}}}`),
  );
  list(
    'ERROR placeholders added',
    r.placeholdersAdded.map((p) => `${p.key}: {{${p.names.join('}}, {{')}}}`),
  );
  list('missing keys (shown in English)', r.missing);
  list('plural forms not written (read as _other)', r.formsMissing);
  list('same as English (untranslated?)', r.untranslated);
  // [L45] Reported, like missing keys; tests/unit/label-in-name.test.ts holds the shipped ones to it.
  list('label not in name (voice control cannot press what it sees)', labelMismatches(catalogue, labelPairs));
  if (hasErrors(r)) failed++;
  else if (!r.missing.length && !r.untranslated.length) console.log('  ok');
}
if (failed) {
  console.error(`\n${failed} language(s) with errors that break a page.`);
  process.exit(1);
}
