import type { AppLoadContext } from '@remix-run/node';
import { languageFor } from '~/i18n/language.server';
import { interpretedLanguages, translationsDocName } from '~/model/translations';
import { toBase64 } from './guards.server';
import type { RequestSession } from '~/services';

/**
 * The state of the translations a phone page starts from ([L72]): the document of the page's
 * language (its interface language, [L2]), base64, only when the plenary lists that language as
 * interpreted; '' otherwise, so a room nobody translates into this language sends no extra bytes.
 *
 * `interpreted`: the plenary's list when the loader has already read the plenary; otherwise it is
 * read here.
 */
export async function roomTranslationsState(
  context: AppLoadContext,
  request: Request,
  assemblyId: string,
  session: RequestSession,
  interpreted?: string[],
): Promise<string> {
  const language = languageFor(request);
  const languages = interpreted ?? (await context.services.readDoc(`${assemblyId}/plenary`, interpretedLanguages));
  if (!languages.includes(language)) return '';
  return toBase64(await context.services.docState(translationsDocName(assemblyId, language), session));
}
