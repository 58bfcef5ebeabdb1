import type { AppLoadContext } from '@remix-run/node';
import { languageFor } from '~/i18n/language.server';
import { screenCatalogues } from '~/i18n/screen-catalogues.server';
import { readScreenLanguages } from '~/model/screen-languages';
import { interpretedLanguages, translationsDocName } from '~/model/translations';
import { toBase64 } from './guards.server';
import type { RequestSession } from '~/services';

/**
 * What the projector's loader adds for its languages ([L50]–[L54]): the catalogues of the chosen
 * languages the page does not have, and the server's state of the translations of each wall
 * language (the chosen ones, else the page's) that has any, so the first render already shows them.
 */
export async function screenWall(context: AppLoadContext, request: Request, assemblyId: string, session: RequestSession) {
  const page = languageFor(request);
  const { codes, interpreted } = await context.services.readDoc(`${assemblyId}/plenary`, (doc) => ({
    codes: readScreenLanguages(doc),
    interpreted: interpretedLanguages(doc),
  }));
  const translations: Record<string, string> = {};
  for (const code of codes.length ? codes : [page]) {
    if (interpreted.includes(code)) translations[code] = toBase64(await context.services.docState(translationsDocName(assemblyId, code), session));
  }
  return { screen: screenCatalogues(codes, page), translations };
}
