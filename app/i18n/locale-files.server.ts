/**
 * Reads the interface catalogues from disk at start (ADR 024): every `<code>.json` in the
 * built-in folder (app/i18n/locales), then every one in `LOCALES_DIR` when it is set. A
 * translator adds or fixes a language by dropping a file, without touching code or building.
 *
 * Each file carries `_meta` (its own name, English name, direction, status). A file in
 * `LOCALES_DIR` for a code the built-in folder has is merged into it key by key (its `_meta`
 * fields too): a union can fix three strings with a file of three strings. A file for a new code
 * must be a whole language with a whole `_meta`. A file that cannot be used stops the server at
 * start, naming the file and what is wrong (ADR 016's start-up errors), rather than showing a
 * language half broken in the hall.
 */
import fs from 'node:fs';
import { LANGUAGE_TAG } from '../model/translations.js';
import path from 'node:path';
import type { Catalogue } from './translate.js';

/** What a catalogue says about its language, for the switcher, `dir` and the README. */
export interface LanguageMeta {
  /** The language's own name for itself ("Soomaali"), shown in the switcher. */
  name: string;
  /** Its English name ("Somali"), for the README and `i18n:check`. */
  english: string;
  dir: 'ltr' | 'rtl';
  /** `complete`, or e.g. `needs review by a native speaker`: what a union should have checked. */
  status: string;
  notes?: string;
}

/** One language as loaded: its strings (without `_meta`) and its metadata. */
export interface LoadedLanguage {
  code: string;
  meta: LanguageMeta;
  catalogue: Catalogue;
  /** The files it was read from, built-in first. */
  files: string[];
}

/** A catalogue file that cannot be used; the message names the file and the fault. */
export class CatalogueFileError extends Error {
  override readonly name = 'CatalogueFileError';
}

/** The built-in catalogues, relative to where Plenary runs (as `build/` is, server/http/remix.ts). */
export const BUILT_IN_LOCALES = path.resolve('app/i18n/locales');

/** A file name that is a language code: `so`, `hmn`, `pt-BR`, `zh-Hant` (BCP 47 shapes we accept). */
/** A catalogue's file name is the language's tag: the same tags interpreters' links take. */
const CODE = LANGUAGE_TAG;
const META_FIELDS = ['name', 'english', 'dir', 'status'] as const;

/**
 * Every language: the built-in folder merged with `localesDir` (when given). Throws
 * CatalogueFileError for invalid JSON, a non-string leaf, a missing or wrong `_meta` field, an
 * unreadable folder, or no English.
 */
export function loadLanguages(builtIn: string = BUILT_IN_LOCALES, localesDir?: string): LoadedLanguage[] {
  const raw = new Map<string, { data: Record<string, unknown>; files: string[] }>();
  for (const dir of localesDir ? [builtIn, path.resolve(localesDir)] : [builtIn]) {
    for (const { code, file, data } of readFolder(dir, dir === builtIn ? 'the built-in locales folder' : 'LOCALES_DIR')) {
      const known = raw.get(code);
      if (known) raw.set(code, { data: mergeDeep(known.data, data), files: [...known.files, file] });
      else raw.set(code, { data, files: [file] });
    }
  }
  if (!raw.has('en'))
    throw new CatalogueFileError(`Plenary cannot start: there is no English catalogue (en.json) in ${builtIn}; every other language falls back to it.`);
  const languages: LoadedLanguage[] = [];
  for (const [code, { data, files }] of raw) {
    const where = files.join(' + ');
    const { _meta, ...strings } = data;
    languages.push({ code, meta: checkMeta(_meta, where), catalogue: checkStrings(strings, where), files });
  }
  // English first (the fallback), then by code: a stable order for the switcher and the README.
  return languages.sort((a, b) => (a.code === 'en' ? -1 : b.code === 'en' ? 1 : a.code.localeCompare(b.code)));
}

function readFolder(dir: string, label: string): { code: string; file: string; data: Record<string, unknown> }[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new CatalogueFileError(`Plenary cannot start: ${label} ${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  return names.map((name) => {
    const file = path.join(dir, name);
    const code = name.slice(0, -'.json'.length);
    if (!CODE.test(code)) throw new CatalogueFileError(`Plenary cannot start: ${file}: the file name must be a language code such as so.json or pt-BR.json.`);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CatalogueFileError(`Plenary cannot start: ${file} is not valid JSON (${(err as Error).message}).`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw new CatalogueFileError(`Plenary cannot start: ${file} must hold one JSON object of strings.`);
    return { code, file, data: data as Record<string, unknown> };
  });
}

function checkMeta(meta: unknown, where: string): LanguageMeta {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new CatalogueFileError(`Plenary cannot start: ${where} has no "_meta" object (name, english, dir, status); see README "Languages".`);
  }
  const m = meta as Record<string, unknown>;
  for (const field of META_FIELDS) {
    if (typeof m[field] !== 'string' || !(m[field] as string).trim())
      throw new CatalogueFileError(`Plenary cannot start: ${where}: "_meta.${field}" must be a non-empty string.`);
  }
  if (m.dir !== 'ltr' && m.dir !== 'rtl')
    throw new CatalogueFileError(`Plenary cannot start: ${where}: "_meta.dir" must be "ltr" or "rtl", not ${JSON.stringify(m.dir).slice(0, 40)}.`);
  if (m.notes !== undefined && typeof m.notes !== 'string') throw new CatalogueFileError(`Plenary cannot start: ${where}: "_meta.notes" must be a string.`);
  return { name: m.name as string, english: m.english as string, dir: m.dir, status: m.status as string, ...(m.notes ? { notes: m.notes as string } : {}) };
}

/** The strings, checked to be nested objects of strings all the way down. */
function checkStrings(node: Record<string, unknown>, where: string, prefix = ''): Catalogue {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) checkStrings(value as Record<string, unknown>, where, `${prefix}${key}.`);
    else throw new CatalogueFileError(`Plenary cannot start: ${where}: "${prefix}${key}" must be a string or an object of strings.`);
  }
  return node as Catalogue;
}

/** `over` laid on `base` key by key (objects merged, strings replaced); neither is changed. */
function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && before && typeof before === 'object' && !Array.isArray(before)
        ? mergeDeep(before as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
