/**
 * The interpreter's minutes form ([L62], [P40]–[P44]): what an interpreter may post, read the
 * same way whether the page's script sent it or a plain form did. The language is never read
 * from the form: it is the interpreter link's own (its scope).
 */
import type { RequestSession } from '~/services';
import { readRevision } from './minutes-draft.server';
import { TRANSLATION_LANGUAGE, TRANSLATION_MAX_CHARS } from './minutes-translations.server';

const VERSION = /^\d{1,6}$/;

/** The language an interpreter link translates into: its scope. A link without a usable one opens nothing (403). */
export function interpreterLanguage(session: RequestSession): string {
  if (!session.scope || !TRANSLATION_LANGUAGE.test(session.scope)) throw new Response('This link has no language to translate into', { status: 403 });
  return session.scope;
}

/** `?v=` of the interpreter's page: null for the list of versions, a number, or a 400. */
export function versionParam(url: URL): number | null {
  const all = url.searchParams.getAll('v');
  if (all.length === 0) return null;
  if (all.length > 1 || !VERSION.test(all[0])) throw new Response('v must be a version number', { status: 400 });
  return Number(all[0]);
}

export type TranslationForm =
  { ok: true; version: number; revision: number; markdown: string | null; typed: string } | { ok: false; status: 400 | 403; error: string; typed: string };

/**
 * A translation save: `version` (1–6 digits), `revision` (what the form was based on: 0 for no
 * translation yet) and `markdown` (empty or blank: the translation is removed), each exactly
 * once. A `language` field naming another language than the link's is a 403: an interpreter
 * writes only their own.
 */
export function readTranslationForm(form: FormData, language: string): TranslationForm {
  const texts = form.getAll('markdown');
  // Browsers post a textarea's line breaks as CRLF; counted and kept as typed (LF), the browser's
  // own maxlength and the bound here agree.
  const typed = typeof texts[0] === 'string' ? texts[0].replace(/\r\n?/g, '\n') : '';
  const bad = (error: string, status: 400 | 403 = 400): TranslationForm => ({ ok: false, status, error, typed });
  const claimed = [...form.getAll('language'), ...form.getAll('lang')];
  if (claimed.some((l) => l !== language)) return bad('minutesTranslations.errors.language', 403);
  const versions = form.getAll('version');
  if (versions.length !== 1 || typeof versions[0] !== 'string' || !VERSION.test(versions[0])) return bad('console.errors.form');
  const revision = readRevision(form);
  if (typeof revision !== 'number') return bad('minutes.errors.revision');
  if (texts.length !== 1 || typeof texts[0] !== 'string') return bad('console.errors.form');
  if (typed.length > TRANSLATION_MAX_CHARS) return bad('minutesTranslations.errors.tooLong');
  return { ok: true, version: Number(versions[0]), revision, markdown: typed.trim() === '' ? null : typed, typed };
}
