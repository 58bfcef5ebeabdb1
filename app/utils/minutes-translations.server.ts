/**
 * Translations of published minutes ([L60]–[L66]): which languages a version is translated into,
 * how each is named and written, and the `lang` a reader asked for. Shared by the minutes page,
 * its Markdown download and the interpreter's page.
 */
import type { AppLoadContext } from '@remix-run/node';
import { LANGUAGE_META } from '~/i18n/catalogues.server';
import { languageFor } from '~/i18n/language.server';
import { nativeName } from '~/model/interpretation';
import { LANGUAGE_TAG } from '~/model/translations';
import { DRAFT_MAX_CHARS } from './minutes-draft.server';

/** A language code as an interpreter link's scope carries it (`es`, `so`, `es-419`): the links' own pattern. */
export const TRANSLATION_LANGUAGE = LANGUAGE_TAG;

/** A translation may be as long as the minutes themselves. */
export const TRANSLATION_MAX_CHARS = DRAFT_MAX_CHARS;

/** What the picker shows of a language: its own name, and which way its text runs. */
export interface TranslationLanguage {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

function directionOf(code: string): 'ltr' | 'rtl' {
  const meta = LANGUAGE_META[code];
  if (meta) return meta.dir;
  try {
    // V8 knows each language's script direction (Persian, Urdu, Pashto... run right to left).
    const info = (new Intl.Locale(code) as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
    return info?.direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** A language by its own name (the interface catalogue's, else the shared list, else the code itself). */
export function describeLanguage(code: string): TranslationLanguage {
  return { code, name: LANGUAGE_META[code]?.name ?? nativeName(code) ?? code, dir: directionOf(code) };
}

/**
 * The `lang` a reader asked for: none (the page picks), `original`, a language code, or `bad`
 * for anything that cannot be one (400, never a 500). Given twice is bad too.
 */
export function readLanguageParam(url: URL): null | 'original' | 'bad' | { code: string } {
  const all = url.searchParams.getAll('lang');
  if (all.length === 0) return null;
  if (all.length > 1) return 'bad';
  if (all[0] === 'original') return 'original';
  return TRANSLATION_LANGUAGE.test(all[0]) ? { code: all[0] } : 'bad';
}

/**
 * The translation in the reader's interface language: the same tag, else one of the same base
 * language (an `es` reader gets `es-419` when that is the one there is); null when none.
 */
function yours(languages: string[], interfaceLanguage: string): string | null {
  const base = (tag: string) => tag.split('-')[0];
  return languages.find((l) => l === interfaceLanguage) ?? languages.find((l) => base(l) === base(interfaceLanguage)) ?? null;
}

/** What a reader sees of a version's translations: the languages to pick from, and the one shown (null: the original). */
export interface ReaderTranslation {
  languages: TranslationLanguage[];
  shown: (TranslationLanguage & { markdown: string }) | null;
}

/**
 * Picks the text a reader sees of `version` ([L63], [L64]): the language asked for (`?lang=`),
 * else the reader's interface language when the version has a translation in it, else the
 * original. Throws a 400 for a `lang` that cannot be a language and a 404 for a language the
 * version has no translation in: never a 500.
 */
export async function readerTranslation(request: Request, context: AppLoadContext, assemblyId: string, version: number | null): Promise<ReaderTranslation> {
  const asked = readLanguageParam(new URL(request.url));
  if (asked === 'bad') throw new Response('lang must be a language code', { status: 400 });
  const listed = version === null ? [] : await context.services.listMinutesTranslations(assemblyId, version);
  const languages = listed.map((t) => describeLanguage(t.language));
  const wanted =
    asked === 'original'
      ? null
      : asked
        ? asked.code
        : yours(
            listed.map((t) => t.language),
            languageFor(request),
          );
  if (wanted === null || version === null) {
    if (asked && asked !== 'original') throw new Response('No translation of the minutes in this language', { status: 404 });
    return { languages, shown: null };
  }
  const translation = await context.services.getMinutesTranslation(assemblyId, version, wanted);
  if (translation.markdown === null) {
    // Asked for and missing: 404. Picked by default but emptied since the list was read: the original.
    if (asked) throw new Response('No translation of the minutes in this language', { status: 404 });
    return { languages, shown: null };
  }
  return { languages, shown: { ...describeLanguage(wanted), markdown: translation.markdown } };
}
